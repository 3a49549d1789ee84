package dev.roster.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import dev.roster.spi.Json;
import dev.roster.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
  private final Map<String, Schema> accountSchemas = new ConcurrentHashMap<>();
  /** Per type, accounts already found valid: most are written alike ({@code {}}, {@code { role: agent }}). */
  private final Map<String, Set<JsonNode>> validAccounts = new ConcurrentHashMap<>();
  private final SchemaRegistry registry;
  private final Schema root;

  public ManifestSchema(Collection<ProviderFactory> factories) {
    this.document = compose(factories);
    String text = Json.MAPPER.writeValueAsString(document);
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .locale(Locale.ENGLISH)
        .pathType(PathType.JSON_POINTER)
        .formatAssertionsEnabled(true)
        .build();
    // draft 2020-12 as networknt has it, with a faster check of the same e-mail format
    Dialect dialect = Dialect.builder(Dialects.getDraft202012()).format(new EmailFormat()).build();
    this.registry = SchemaRegistry.withDefaultDialect(dialect,
        b -> b.schemaRegistryConfig(config).schemas(Map.of(ID, text)));
    this.root = registry.getSchema(SchemaLocation.of(ID));
  }

  /** The composed schema document. */
  public JsonNode document() {
    return document;
  }

  /**
   * One file checked against the schema.
   *
   * @param failedParts the entries of the sections ({@code /users/alice}, {@code /providers/app}) that
   *     hold a wrong value or name, for the merge to leave out (an unknown key is only reported: it changes nothing)
   */
  record FileCheck(YamlFile file, List<Problem> problems, Set<String> failedParts) {
    boolean failed(String pointer) {
      return failedParts.contains(pointer);
    }
  }

  FileCheck check(YamlFile file) {
    List<Error> errors = root.validate(file.root());
    Set<String> failed = new HashSet<>();
    for (Error e : errors) {
      String at = e.getInstanceLocation().toString();
      if ("propertyNames".equals(e.getKeyword()) && e.getProperty() != null) {
        failed.add(part(at + YamlFile.step(e.getProperty()))); // a wrong name leaves out its entry, not its section
      } else if (!isUnknownKey(e)) {
        failed.add(part(at));
      }
    }
    return new FileCheck(file, problems(errors, file, "", pointer -> declaredKeys(file, pointer)), failed);
  }

  /** Checks one account (or a defaults block), at {@code pointer} in the file, against its type's account part. */
  List<Problem> checkAccount(String type, JsonNode account, YamlFile file, String pointer) {
    Set<JsonNode> valid = validAccounts.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet());
    if (valid.contains(account)) {
      return List.of(); // a check depends on the value alone (checking each of 100,000 accounts took 0.7 s)
    }
    Schema schema = accountSchemas.computeIfAbsent(type,
        t -> registry.getSchema(SchemaLocation.of(ID + "#/$defs/" + t + ".account")));
    List<Problem> problems = problems(schema.validate(account), file, pointer,
        at -> at.equals(pointer) ? keys(definition(type + ".account"), definition(type + ".provider-account")) : Set.of());
    if (problems.isEmpty() && valid.size() < 10_000) {
      valid.add(account);
    }
    return problems;
  }

  /** The keys the schema declares for the map at a pointer of a file; null for an instance of no known type. */
  private Set<String> declaredKeys(YamlFile file, String pointer) {
    if (pointer.isEmpty()) {
      return keys(document);
    } else if (pointer.equals("/safety")) {
      return keys(document.path("properties").path("safety"));
    } else if (pointer.matches("/users/[^/]+")) {
      return keys(definition("person"));
    } else if (pointer.matches("/providers/[^/]+")) {
      JsonNode config = definition(file.root().at(pointer).path("type").asString("") + ".config");
      return config.isObject() ? keys(definition("instance"), config) : null;
    }
    return Set.of();
  }

  private static boolean isUnknownKey(Error e) {
    return "additionalProperties".equals(e.getKeyword()) || "unevaluatedProperties".equals(e.getKeyword());
  }

  /** A pointer's first two steps: a section, or one entry of it. */
  private static String part(String pointer) {
    int first = pointer.indexOf('/', 1);
    int second = first < 0 ? -1 : pointer.indexOf('/', first + 1);
    return second < 0 ? pointer : pointer.substring(0, second);
  }

  /** The keys that schemas declare, together. */
  private static Set<String> keys(JsonNode... schemas) {
    Set<String> out = new HashSet<>();
    for (JsonNode schema : schemas) {
      schema.path("properties").propertyNames().forEach(out::add);
    }
    return out;
  }

  private JsonNode definition(String name) {
    return document.path("$defs").path(name);
  }

  /**
   * @param declared keys the schema declares for the object at a pointer (null: an instance of no known
   *     type): one of those reported as unevaluated only failed its own check (or a sibling's, inside the
   *     same part); an unknown key is answered with the closest of them
   */
  private List<Problem> problems(List<Error> errors, YamlFile file, String prefix,
      Function<String, Set<String>> declared) {
    List<Problem> out = new ArrayList<>();
    Set<String> failing = new HashSet<>();
    for (Error e : errors) {
      failing.add(prefix + e.getInstanceLocation().toString());
    }
    for (Error e : errors) {
      String pointer = prefix + e.getInstanceLocation().toString();
      String keyword = e.getKeyword() == null ? "" : e.getKeyword();
      switch (keyword) {
        case "additionalProperties", "unevaluatedProperties" -> {
          String key = e.getProperty();
          String at = pointer + YamlFile.step(key);
          // a key whose value failed its own check was not "evaluated": it is known, just wrong
          Set<String> declaredHere = declared.apply(pointer);
          // an instance of no known type has only its common keys known: only a key close to one is reported
          Set<String> known = declaredHere != null ? declaredHere : keys(definition("instance"));
          String hint = Suggestion.didYouMean(key, known);
          if (!failing.contains(at) && !known.contains(key) && (declaredHere != null || !hint.isEmpty())) {
            out.add(new Problem(file.keyAt(at), "unknown key '" + key + "'" + hint));
          }
        }
        case "propertyNames" ->
            out.add(new Problem(file.keyAt(pointer + YamlFile.step(e.getProperty())), e.getMessage() + where(pointer)));
        case "required" -> {
          // a key written close to the required one is reported as unknown, with the suggestion
          boolean misspelt = false;
          for (String key : file.root().at(pointer).propertyNames()) {
            misspelt |= e.getProperty().equals(Suggestion.closest(key, List.of(e.getProperty())));
          }
          if (!misspelt) {
            out.add(new Problem(file.at(pointer), "missing required key '" + e.getProperty() + "'" + where(pointer)));
          }
        }
        case "type" -> out.add(new Problem(file.at(pointer),
            "expected " + e.getSchemaNode().asString() + ", found " + describe(e.getInstanceNode()) + where(pointer)));
        case "enum", "const" -> out.add(new Problem(file.at(pointer), notAllowed(e) + where(pointer)));
        default -> out.add(new Problem(file.at(pointer), e.getMessage() + where(pointer)));
      }
    }
    return out;
  }

  private static String where(String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    return " (at " + pointer.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~") + ")";
  }

  /** What an enum or const allows and what was found, with the allowed string closest to a string found. */
  private static String notAllowed(Error e) {
    JsonNode allowed = e.getSchemaNode();
    JsonNode found = e.getInstanceNode();
    List<String> values = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    for (JsonNode value : allowed.isArray() ? allowed : List.of(allowed)) {
      values.add(value.isString() ? value.asString() : value.toString());
      if (value.isString()) {
        strings.add(value.asString());
      }
    }
    boolean suggest = allowed.isArray() && found != null && found.isString();
    return "expected one of " + String.join(", ", values) + ", found " + describe(found)
        + (suggest ? Suggestion.didYouMean(found.asString(), strings) : "");
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing (null)";
    }
    return switch (node.getNodeType()) {
      case STRING -> "'" + node.asString() + "'";
      case OBJECT -> "a map";
      case ARRAY -> "a list";
      default -> node.toString();
    };
  }


  private static JsonNode compose(Collection<ProviderFactory> factories) {
    ObjectNode doc = (ObjectNode) Json.resource(ManifestSchema.class, "roster.base.schema.json");
    ObjectNode defs = (ObjectNode) doc.get("$defs");
    ObjectNode instance = (ObjectNode) defs.get("instance");
    ArrayNode types = (ArrayNode) instance.get("properties").get("type").get("enum");
    ArrayNode branches = (ArrayNode) instance.get("allOf");
    ObjectNode accountTemplate = (ObjectNode) defs.remove("account");
    for (ProviderFactory f : factories.stream().sorted(Comparator.comparing(ProviderFactory::type)).toList()) {
      String type = f.type();
      types.add(type);
      // each part is its own schema resource, so its "#/$defs/…" references stay its own
      defs.set(type + ".config", resource(f.configSchema(), "https://roster.dev/schema/" + type + "/config.json"));
      ObjectNode account = accountTemplate.deepCopy();
      ((ArrayNode) account.get("allOf")).addObject().put("$ref", "#/$defs/" + type + ".provider-account");
      String accountId = "https://roster.dev/schema/" + type + "/account.json";
      defs.set(type + ".provider-account", resource(f.accountSchema(), accountId));
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
}
