package dev.roster.plan;

import dev.roster.Errors;
import dev.roster.manifest.References;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import dev.roster.spi.Json;
import dev.roster.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved plan: the JSON document ({@code schema/plan.schema.json}) that {@code --out} saves and
 * {@code apply PLANFILE} reads back, and that {@code --format json} prints. Secrets appear only as their
 * references ({@code ${env:NAME}}), which {@code apply} resolves again; shown values of sensitive
 * fields are {@code (sensitive)}.
 */
public final class PlanFile {
  public static final int FORMAT_VERSION = 1;
  /** Set in a document whose personal data is masked ({@code --redact-pii}): it can be shown, not applied. */
  public static final String REDACTED = "redacted";

  private PlanFile() {}

  public static ObjectNode document(Plan plan) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("createdAt", Instant.now().toString());
    if (plan.scope().partial()) {
      ObjectNode scope = doc.putObject("scope");
      scope.set("instances", Json.MAPPER.valueToTree(plan.scope().instances()));
      scope.set("people", Json.MAPPER.valueToTree(plan.scope().people()));
    }
    ObjectNode summary = doc.putObject("summary");
    for (Action action : Action.values()) { // create, update, suspend, delete
      summary.put(action.json(), plan.count(action));
    }
    summary.put("unchanged", plan.unchanged());
    ArrayNode instances = doc.putArray("instances");
    ArrayNode changes = doc.putArray("changes");
    for (InstancePlan i : plan.instances()) {
      ObjectNode in = instances.addObject();
      in.put("name", i.instance());
      in.put("provider", i.provider());
      in.set("config", reference(i.config()));
      in.put("liveAccounts", i.liveAccounts());
      in.put("unchanged", i.unchanged());
      in.set("unmanaged", Json.MAPPER.valueToTree(i.unmanaged()));
      in.set("skipped", Json.MAPPER.valueToTree(i.skipped()));
      in.set("conflicts", Json.MAPPER.valueToTree(i.conflicts()));
      in.set("warnings", Json.MAPPER.valueToTree(i.warnings()));
      in.set("pending", Json.MAPPER.valueToTree(i.pending()));
      in.set("notes", Json.MAPPER.valueToTree(i.notes()));
      for (PlannedChange pc : i.changes()) {
        changes.add(change(pc));
      }
    }
    return doc;
  }

  private static ObjectNode change(PlannedChange pc) {
    Change c = pc.change();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("instance", c.instance());
    o.put("provider", c.provider());
    o.put("person", c.person());
    o.put("key", c.key());
    o.put("action", c.action().json());
    ArrayNode fields = o.putArray("fields");
    for (FieldChange f : c.fields()) {
      ObjectNode field = fields.addObject();
      field.put("name", f.name());
      field.set("before", shown(f.before(), f.sensitive()));
      field.set("after", shown(f.after(), f.sensitive()));
      field.put("sensitive", f.sensitive());
    }
    o.put("source", c.source());
    o.put("reason", c.reason());
    o.set("notes", Json.MAPPER.valueToTree(pc.notes()));
    o.put("liveId", c.liveId());
    o.put("fingerprint", pc.fingerprint());
    o.put("adminGrant", pc.adminGrant());
    if (pc.renamedFrom() != null) {
      o.put("renamedFrom", pc.renamedFrom());
    }
    o.set("desired", reference(c.desired()));
    return o;
  }

  private static JsonNode shown(Object value, boolean sensitive) {
    if (value == null) {
      return Json.MAPPER.nullNode();
    }
    return sensitive ? Json.MAPPER.getNodeFactory().stringNode(Secret.MASK) : Json.MAPPER.valueToTree(value);
  }

  /** Values as JSON with each secret replaced by its reference. */
  private static JsonNode reference(Object value) {
    if (value instanceof Secret s) {
      return Json.MAPPER.getNodeFactory().stringNode(s.reference());
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      m.forEach((k, v) -> o.set(String.valueOf(k), reference(v)));
      return o;
    }
    if (value instanceof List<?> l) {
      ArrayNode a = Json.MAPPER.createArrayNode();
      l.forEach(v -> a.add(reference(v)));
      return a;
    }
    return Json.MAPPER.valueToTree(value);
  }

  /**
   * Reads a saved plan file to apply it, with references resolved against the environment now.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static Plan read(Path file, References references) {
    return read(file, doc -> {
      if (doc.path(REDACTED).asBoolean(false)) {
        throw new IllegalArgumentException("personal data in this plan is redacted (--redact-pii), so it cannot be "
            + "applied: apply the plan that 'roster plan --out' saved");
      }
      return read(doc, references);
    });
  }

  /**
   * Reads a saved plan file to show it ({@code roster show}): references stay as written, so no
   * secret needs to be in the environment, and a redacted plan is shown as it is.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static Plan view(Path file) {
    return read(file, doc -> read(doc, null));
  }

  private static Plan read(Path file, Function<JsonNode, Plan> reader) {
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read plan " + file + ": " + Errors.describe(e));
    }
    try {
      return reader.apply(doc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /**
   * A saved plan. Changes carry no live account yet: {@code apply} reads it again and checks the
   * fingerprint first.
   *
   * @param references resolves secrets' references now; null leaves them as written
   * @throws IllegalArgumentException when the document is not a plan of this format version
   */
  static Plan read(JsonNode doc, References references) {
    if (!doc.isObject() || doc.path("formatVersion").asInt(0) != FORMAT_VERSION) {
      throw new IllegalArgumentException("not a Roster plan of format version " + FORMAT_VERSION
          + " (was it written by 'roster plan --out'?)");
    }
    Path base = Path.of("/");
    Map<String, List<PlannedChange>> byInstance = new LinkedHashMap<>();
    for (JsonNode c : doc.path("changes")) {
      List<FieldChange> fields = new ArrayList<>();
      for (JsonNode f : c.path("fields")) {
        fields.add(new FieldChange(f.path("name").asString(), plain(f.get("before")), plain(f.get("after")),
            f.path("sensitive").asBoolean(false)));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> desired = (Map<String, Object>) resolve(c.path("desired"), references, base);
      Change change = new Change(c.path("instance").asString(), c.path("provider").asString(), text(c.get("person")),
          c.path("key").asString(), Action.valueOf(c.path("action").asString().toUpperCase(Locale.ROOT)),
          fields, desired, null, text(c.get("source")), text(c.get("reason")));
      List<String> notes = Json.strings(c.path("notes"));
      byInstance.computeIfAbsent(change.instance(), k -> new ArrayList<>())
          .add(new PlannedChange(change, notes, c.path("fingerprint").asString(), c.path("adminGrant").asBoolean(false),
              text(c.get("renamedFrom"))));
    }
    List<InstancePlan> instances = new ArrayList<>();
    for (JsonNode i : doc.path("instances")) {
      String name = i.path("name").asString();
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) resolve(i.path("config"), references, base);
      List<Skipped> skipped = new ArrayList<>();
      i.path("skipped").forEach(k -> skipped.add(new Skipped(k.path("key").asString(), text(k.get("person")), k.path("reason").asString())));
      List<Conflict> conflicts = new ArrayList<>();
      i.path("conflicts").forEach(k -> conflicts.add(new Conflict(k.path("key").asString(), text(k.get("person")), Json.strings(k.path("ids")))));
      instances.add(new InstancePlan(name, i.path("provider").asString(), config,
          byInstance.getOrDefault(name, List.of()), i.path("unchanged").asInt(), i.path("liveAccounts").asInt(),
          Json.strings(i.path("unmanaged")), skipped, conflicts, Json.strings(i.path("warnings")), Json.strings(i.path("pending")),
          Json.strings(i.path("notes"))));
    }
    JsonNode scope = doc.path("scope");
    return new Plan(instances, new Scope(new LinkedHashSet<>(Json.strings(scope.path("instances"))),
        new LinkedHashSet<>(Json.strings(scope.path("people")))));
  }

  private static Object resolve(JsonNode node, References references, Path base) {
    if (references == null) {
      return plain(node);
    }
    if (node.isString()) {
      return references.resolve(node.asString(), base, true);
    }
    if (node.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String k : node.propertyNames()) {
        m.put(k, resolve(node.get(k), references, base));
      }
      return m;
    }
    if (node.isArray()) {
      List<Object> l = new ArrayList<>();
      node.forEach(n -> l.add(resolve(n, references, base)));
      return l;
    }
    return plain(node);
  }

  private static Object plain(JsonNode node) {
    return node == null || node.isNull() ? null : Json.MAPPER.convertValue(node, Object.class);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }
}
