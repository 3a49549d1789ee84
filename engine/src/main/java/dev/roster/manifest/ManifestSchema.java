package dev.roster.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.roster.spi.Json;
import dev.roster.spi.ProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifest's JSON Schema: the engine's own part ({@code roster.base.schema.json}) with each
 * provider type's config and account parts put in as {@code $defs/<type>.config} and
 * {@code $defs/<type>.account}. {@code roster schema} prints it; {@code schema/roster.schema.json} is
 * that output, kept in the repository for editors and checked by a test.
 */
public final class ManifestSchema {
  public static final String ID = "https://roster.dev/schema/roster.schema.json";

  private final JsonNode document;
  /** Keys each part declares, per type: a key that failed its part's check is wrong, not unknown. */
  private final Map<String, java.util.Set<String>> configKeys = new java.util.HashMap<>();
  private final Map<String, java.util.Set<String>> accountKeys = new java.util.HashMap<>();
  private final Map<String, Schema> accountSchemas = new java.util.concurrent.ConcurrentHashMap<>();
  /** Per type, account values already found valid; bounded, since most accounts differ only by key. */
  private final Map<String, java.util.Set<JsonNode>> validAccounts = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_REMEMBERED = 10_000;
  private final SchemaRegistry registry;
  private final Schema root;
  private final EmailFormat emailFormat = new EmailFormat();

  public ManifestSchema(Collection<ProviderFactory> factories) {
    this.document = compose(factories);
    java.util.Set<String> common = keys(document.path("$defs").path("instance"));
    java.util.Set<String> accountCommon = keys(resource("roster.base.schema.json").path("$defs").path("account"));
    for (ProviderFactory f : factories) {
      java.util.Set<String> c = new java.util.HashSet<>(common);
      c.addAll(keys(f.configSchema()));
      configKeys.put(f.type(), c);
      java.util.Set<String> a = new java.util.HashSet<>(accountCommon);
      a.addAll(keys(f.accountSchema()));
      accountKeys.put(f.type(), a);
    }
    String text = Json.MAPPER.writeValueAsString(document);
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .locale(Locale.ENGLISH)
        .pathType(PathType.JSON_POINTER)
        .formatAssertionsEnabled(true)
        .build();
    // draft 2020-12 as networknt has it, with a faster check of the same e-mail format
    Dialect dialect = Dialect.builder(Dialects.getDraft202012()).format(emailFormat).build();
    this.registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemaRegistryConfig(config).schemas(Map.of(ID, text)));
    this.root = registry.getSchema(SchemaLocation.of(ID));
  }

  /** The {@code email} format the schema checks with (a test sees that it is Roster's). */
  EmailFormat emailFormat() {
    return emailFormat;
  }

  /** The composed schema document. */
  public JsonNode document() {
    return document;
  }

  /** Checks a whole file at once. */
  public List<Problem> validateFile(YamlDocument doc) {
    return new FileCheck(null).problems(doc);
  }

  /**
   * Checks one file as it is read: give {@link FileCheck#person} to {@link YamlReader#read(java.nio.file.Path,
   * String, YamlReader.PersonListener)}, which hands over each person as soon as it is parsed, then
   * ask for {@link FileCheck#problems}. People are most of a big file, and checking them while SnakeYAML
   * scans the rest (on a thread of its own) takes their checks out of the time a load waits.
   */
  public FileCheck fileCheck() {
    return new FileCheck(null);
  }

  /** As {@link #fileCheck()}; each slice of people found valid goes on to {@code checked}, in file order. */
  public FileCheck fileCheck(CheckedPeople checked) {
    return new FileCheck(checked);
  }

  /** Takes people the schema passed while the file is still being read. */
  @FunctionalInterface
  public interface CheckedPeople {
    /** @param people consecutive entries of {@code users}, the first ones not handed over yet */
    void accept(ObjectNode people, YamlDocument soFar);
  }

  /** Whether the file's instances and defaults, as read so far, pass the schema: then people can be merged. */
  public boolean settingsValid(JsonNode root) {
    return validPart(root, "providers") && validPart(root, "defaults");
  }

  private boolean validPart(JsonNode root, String name) {
    return !root.has(name) || registry.getSchema(SchemaLocation.of(ID + "#/properties/" + name)).validate(root.get(name)).isEmpty();
  }

  /** One file's check; the people already handed over are checked in slices as they come. */
  public final class FileCheck {
    private static final int SLICE = 500;
    private final Schema usersSchema = registry.getSchema(SchemaLocation.of(ID + "#/properties/users"));
    private final List<List<Error>> failures = new ArrayList<>();
    private final CheckedPeople next;
    private ObjectNode slice = Json.MAPPER.createObjectNode();
    private int checked;

    private FileCheck(CheckedPeople next) {
      this.next = next;
    }

    public void person(String handle, JsonNode person, java.util.function.Supplier<YamlDocument> soFar) {
      slice.set(handle, person);
      if (slice.size() == SLICE) {
        ObjectNode people = slice;
        checkSlice();
        // from a failed slice on, nothing goes on: the file's problems are then the schema's alone
        if (failures.isEmpty() && next != null && soFar != null) {
          next.accept(people, soFar.get());
        }
      }
    }

    private void checkSlice() {
      List<Error> errors = usersSchema.validate(slice);
      if (!errors.isEmpty()) {
        failures.add(errors);
      }
      checked += slice.size();
      slice = Json.MAPPER.createObjectNode();
    }

    /** People checked so far (a test sees that the reader's hand-over did the work). */
    int peopleChecked() {
      return checked;
    }

    /** Every problem of the file, with its place: the file without its people, then the people. */
    public List<Problem> problems(YamlDocument doc) {
      java.util.function.Function<String, java.util.Set<String>> declared = pointer -> {
        // an instance's keys are known by its type
        if (pointer.matches("/providers/[^/]+")) {
          JsonNode type = doc.root().at(pointer).path("type");
          return configKeys.getOrDefault(type.asString(""), java.util.Set.of());
        }
        return java.util.Set.of();
      };
      JsonNode users = doc.root().path("users");
      if (!(doc.root() instanceof ObjectNode whole) || !users.isObject()) {
        return ManifestSchema.problems(root.validate(doc.root()), doc, "", declared);
      }
      // the people not handed over while reading (all of them, when the reader was given no check)
      if (checked + slice.size() < users.size()) {
        slice = Json.MAPPER.createObjectNode();
        checked = 0;
        failures.clear();
        users.properties().forEach(e -> person(e.getKey(), e.getValue(), null));
      }
      if (!slice.isEmpty()) {
        checkSlice();
      }
      ObjectNode rest = Json.MAPPER.createObjectNode(); // the file without its people: a shallow copy
      whole.properties().forEach(e ->
          rest.set(e.getKey(), e.getKey().equals("users") ? Json.MAPPER.createObjectNode() : e.getValue()));
      List<Problem> out = new ArrayList<>(ManifestSchema.problems(root.validate(rest), doc, "", declared));
      for (List<Error> errors : failures) {
        out.addAll(ManifestSchema.problems(errors, doc, "/users", declared));
      }
      return out;
    }
  }

  /**
   * Checks one account (or a defaults block) against its type's account part. Accounts written alike
   * (often {@code {}} or {@code { role: agent }}) are checked once: a check depends only on the value.
   */
  public List<Problem> validateAccount(String type, JsonNode account, YamlDocument doc, String pointer) {
    java.util.Set<JsonNode> valid = validAccounts.computeIfAbsent(type, t -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    if (valid.contains(account)) {
      return List.of();
    }
    Schema schema = accountSchemas.computeIfAbsent(type,
        t -> registry.getSchema(SchemaLocation.of(ID + "#/$defs/" + t + ".account")));
    List<Problem> problems = problems(schema.validate(account), doc, pointer,
        at -> at.equals(pointer) ? accountKeys.getOrDefault(type, java.util.Set.of()) : java.util.Set.of());
    if (problems.isEmpty() && valid.size() < MAX_REMEMBERED) {
      valid.add(account);
    }
    return problems;
  }

  private static java.util.Set<String> keys(JsonNode schema) {
    java.util.Set<String> out = new java.util.HashSet<>();
    schema.path("properties").propertyNames().forEach(out::add);
    return out;
  }

  /**
   * @param declared keys the schema declares for the object at a pointer: one of those reported as
   *     unevaluated only failed its own check (or a sibling's, inside the same part)
   */
  private static List<Problem> problems(List<Error> errors, YamlDocument doc, String prefix,
      java.util.function.Function<String, java.util.Set<String>> declared) {
    List<Problem> out = new ArrayList<>();
    java.util.Set<String> failing = new java.util.HashSet<>();
    for (Error e : errors) {
      failing.add(prefix + pointer(e.getInstanceLocation()));
    }
    for (Error e : errors) {
      String pointer = prefix + pointer(e.getInstanceLocation());
      String keyword = e.getKeyword() == null ? "" : e.getKeyword();
      switch (keyword) {
        case "additionalProperties", "unevaluatedProperties" -> {
          String key = e.getProperty();
          String at = pointer + YamlDocument.step(key);
          // a key whose value failed its own check was not "evaluated": it is known, just wrong
          if (!failing.contains(at) && !declared.apply(pointer).contains(key)) {
            out.add(new Problem(doc.keyAt(at), "unknown key '" + key + "'"));
          }
        }
        case "required" -> out.add(new Problem(doc.at(pointer),
            "missing required key '" + e.getProperty() + "'" + where(pointer)));
        case "type" -> out.add(new Problem(doc.at(pointer),
            "expected " + e.getSchemaNode().asString() + ", found " + describe(e.getInstanceNode()) + where(pointer)));
        case "enum", "const" -> out.add(new Problem(doc.at(pointer),
            "expected one of " + allowed(e.getSchemaNode()) + ", found " + describe(e.getInstanceNode()) + where(pointer)));
        default -> out.add(new Problem(doc.at(pointer), message(e) + where(pointer)));
      }
    }
    return out;
  }

  private static String message(Error e) {
    String m = e.getMessage();
    // networknt starts messages with the instance location; the place is already in front of ours
    int colon = m.indexOf(": ");
    return colon > 0 && m.startsWith("/") || m.startsWith("$") ? m.substring(colon + 2) : m;
  }

  private static String where(String pointer) {
    return pointer.isEmpty() ? "" : " (at " + pointer.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~") + ")";
  }

  private static String allowed(JsonNode schemaNode) {
    if (schemaNode.isArray()) {
      List<String> values = new ArrayList<>();
      schemaNode.forEach(v -> values.add(v.isString() ? v.asString() : v.toString()));
      return String.join(", ", values);
    }
    return schemaNode.isString() ? schemaNode.asString() : schemaNode.toString();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing (null)";
    }
    if (node.isString()) {
      return "'" + node.asString() + "'";
    }
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.toString();
  }

  private static String pointer(NodePath path) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      s.append(YamlDocument.step(String.valueOf(element)));
    }
    return s.toString();
  }

  private static JsonNode compose(Collection<ProviderFactory> factories) {
    ObjectNode doc = (ObjectNode) resource("roster.base.schema.json");
    ObjectNode defs = (ObjectNode) doc.get("$defs");
    ObjectNode instance = (ObjectNode) defs.get("instance");
    ArrayNode types = (ArrayNode) instance.get("properties").get("type").get("enum");
    ArrayNode branches = (ArrayNode) instance.get("allOf");
    ObjectNode accountTemplate = (ObjectNode) defs.remove("account");
    for (ProviderFactory f : factories.stream().sorted(java.util.Comparator.comparing(ProviderFactory::type)).toList()) {
      String type = f.type();
      types.add(type);
      // each part is its own schema resource, so its "#/$defs/…" references stay its own
      defs.set(type + ".config", resource(f.configSchema(), "https://roster.dev/schema/" + type + "/config.json"));
      ObjectNode account = accountTemplate.deepCopy();
      ((ArrayNode) account.get("allOf")).addObject().put("$ref", "#/$defs/" + type + ".provider-account");
      defs.set(type + ".provider-account", resource(f.accountSchema(), "https://roster.dev/schema/" + type + "/account.json"));
      defs.set(type + ".account", account);
      ObjectNode branch = branches.addObject();
      branch.putObject("if").putObject("properties").putObject("type").put("const", type);
      branch.putObject("then").put("$ref", "#/$defs/" + type + ".config");
    }
    return doc;
  }

  private static JsonNode resource(JsonNode part, String id) {
    ObjectNode copy = (ObjectNode) part.deepCopy();
    copy.put("$id", id);
    return copy;
  }

  private static JsonNode resource(String name) {
    try (InputStream in = ManifestSchema.class.getResourceAsStream(name)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
