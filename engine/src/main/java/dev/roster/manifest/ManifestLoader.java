package dev.roster.manifest;

import dev.roster.http.Json;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Person;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Loads one file or a directory of {@code *.yaml} files into a {@link Manifest}: reads each safely,
 * checks it against the schema, merges the files, checks what spans files (a person declared twice,
 * an account on an undeclared instance), applies defaults and resolves references. Every problem is
 * collected and reported at once; none of this sends a request.
 */
public final class ManifestLoader {

  private final Map<String, ProviderFactory> factories;
  private final ManifestSchema schema;
  private final References references;
  private final Path workingDir;

  public ManifestLoader(Map<String, ProviderFactory> factories, ManifestSchema schema, Map<String, String> env, Path workingDir) {
    this.factories = factories;
    this.schema = schema;
    this.references = new References(env);
    this.workingDir = workingDir;
  }

  /** The manifest files a path stands for: the file itself, or a directory's {@code *.yaml}/{@code *.yml}. */
  public List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      Path path = workingDir.resolve(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new ManifestException(new Source(display(path), 1, 1), "cannot list directory: " + e.getMessage());
        }
        if (files.isEmpty()) {
          throw new ManifestException(new Source(display(path), 1, 1), "directory holds no *.yaml files");
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new ManifestException(new Source(display(path), 1, 1), "no such file or directory");
      }
    }
    return files;
  }

  public Manifest load(List<Path> paths) {
    List<Path> files = expand(paths);
    List<Problem> problems = new ArrayList<>();
    List<YamlDocument> docs = new ArrayList<>();
    Map<String, Path> dirs = new LinkedHashMap<>();
    // files are read and checked on every core; their problems stay in file order
    for (Checked checked : files.parallelStream().map(this::readChecked).toList()) {
      problems.addAll(checked.problems());
      if (checked.problems().isEmpty()) {
        docs.add(checked.doc());
        dirs.put(checked.doc().file(), checked.file().toAbsolutePath().getParent());
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    Manifest manifest = new Merger(problems, dirs).merge(docs);
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    return manifest;
  }

  /** One file read and checked against the schema: its document, or its problems. */
  private record Checked(Path file, YamlDocument doc, List<Problem> problems) {}

  private Checked readChecked(Path file) {
    try {
      ManifestSchema.FileCheck check = schema.fileCheck();
      YamlDocument doc = YamlReader.read(file, display(file), check::person);
      return new Checked(file, doc, check.problems(doc));
    } catch (ManifestException e) {
      return new Checked(file, null, e.problems());
    }
  }

  private String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path wd = workingDir.toAbsolutePath().normalize();
    return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
  }

  /** One merge: its problems list is filled as it goes. */
  private final class Merger {
    private final List<Problem> problems;
    private final Map<String, Path> dirs;
    private final Map<String, Manifest.Instance> instances = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
    private final Map<String, Source> defaultsAt = new LinkedHashMap<>();
    /** Where each person is declared; sized, as {@link #keys}' maps are, for every person at once. */
    private Map<String, Source> peopleAt = Map.of();
    /** Per instance, each account key and where it is declared: one account, one person. */
    private final Map<String, Map<String, Manifest.DeclaredAccount>> keys = new LinkedHashMap<>();
    private int capacity;
    private final List<String> protect = new ArrayList<>();
    private final Map<String, Object> safety = new LinkedHashMap<>();

    Merger(List<Problem> problems, Map<String, Path> dirs) {
      this.problems = problems;
      this.dirs = dirs;
    }

    Manifest merge(List<YamlDocument> docs) {
      for (YamlDocument doc : docs) {
        readInstances(doc);
        doc.root().path("protect").forEach(p -> protect.add(p.asString()));
        JsonNode gates = doc.root().path("safety");
        for (String gate : gates.propertyNames()) {
          if (safety.putIfAbsent(gate, Json.MAPPER.convertValue(gates.get(gate), Object.class)) != null) {
            problems.add(new Problem(doc.keyAt("/safety" + YamlDocument.step(gate)), "safety." + gate + " is set in two files"));
          }
        }
      }
      for (YamlDocument doc : docs) {
        readDefaults(doc);
      }
      int count = docs.stream().mapToInt(doc -> doc.root().path("users").size()).sum();
      capacity = count * 4 / 3 + 1; // growing a map of 10,000 people one doubling at a time cost a fifth of the merge
      peopleAt = new HashMap<>(capacity);
      List<Manifest.DeclaredPerson> people = new ArrayList<>(count);
      for (YamlDocument doc : docs) {
        JsonNode users = doc.root().path("users");
        int index = 0;
        for (String handle : users.propertyNames()) { // release() keeps each entry: iterating stays safe
          Source source = doc.keyAt(users, index++);
          if (firstDeclaration(peopleAt, handle, source, "person '" + handle + "' is")) {
            people.add(readPerson(doc, handle, users.get(handle), "/users" + YamlDocument.step(handle), source));
          }
          // each person's part of the tree goes once merged, so that the tree and the manifest are
          // never both whole in memory (100,000 people then read in a 190 MiB heap; without this, not)
          doc.release(users, handle);
        }
      }
      return new Manifest(instances, people, List.copyOf(protect), Map.copyOf(safety));
    }

    private void readInstances(YamlDocument doc) {
      JsonNode providers = doc.root().path("providers");
      for (String name : providers.propertyNames()) {
        String at = "/providers" + YamlDocument.step(name);
        Source source = doc.keyAt(at);
        Manifest.Instance first = instances.get(name);
        if (first != null) {
          problems.add(new Problem(source, "instance '" + name + "' is declared twice: here and at " + first.source()));
          continue;
        }
        JsonNode node = providers.get(name);
        JsonNode configSchema = factories.get(node.get("type").asString()).configSchema().path("properties");
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
          Object value = resolveAll(node.get(key), doc, at, key);
          // the schema marks credentials writeOnly: they must come from the environment or a file
          if (configSchema.path(key).path("writeOnly").asBoolean(false) && !(value instanceof Secret) && !unresolved(value)) {
            problems.add(new Problem(doc.at(at + YamlDocument.step(key)), key
                + " is a credential: write it as ${env:NAME} or ${file:PATH} so that it stays out of Git"));
          }
          config.put(key, value);
        }
        instances.put(name, new Manifest.Instance(name, node.get("type").asString(), config, source));
      }
    }

    /** True the first time {@code name} is declared; after that, a problem naming both places. */
    private boolean firstDeclaration(Map<String, Source> seen, String name, Source source, String what) {
      Source first = seen.putIfAbsent(name, source);
      if (first != null) {
        problems.add(new Problem(source, what + " declared twice: here and at " + first));
      }
      return first == null;
    }

    private void readDefaults(YamlDocument doc) {
      JsonNode all = doc.root().path("defaults");
      for (String name : all.propertyNames()) {
        String at = "/defaults" + YamlDocument.step(name);
        Source source = doc.keyAt(at);
        if (!firstDeclaration(defaultsAt, name, source, "defaults for '" + name + "' are")) {
          continue;
        }
        Manifest.Instance instance = instances.get(name);
        if (instance == null) {
          problems.add(new Problem(source, "defaults name instance '" + name + "', which no file declares under 'providers:'"));
          continue;
        }
        List<Problem> found = schema.validateAccount(instance.type(), all.get(name), doc, at);
        problems.addAll(found);
        if (found.isEmpty()) {
          defaults.put(name, attributes(all.get(name), doc, at));
        }
      }
    }

    private Manifest.DeclaredPerson readPerson(YamlDocument doc, String handle, JsonNode node, String at, Source source) {
      String email = node.has("email") ? node.get("email").asString() : null;
      String name = node.has("name") ? node.get("name").asString() : null;
      Person person = new Person(handle, email, name);
      List<Manifest.DeclaredAccount> accounts = new ArrayList<>();
      JsonNode declared = node.path("accounts");
      int index = 0;
      for (String instanceName : declared.propertyNames()) {
        String accountAt = at + "/accounts" + YamlDocument.step(instanceName);
        Source accountSource = doc.keyAt(declared, index++);
        Manifest.Instance instance = instances.get(instanceName);
        if (instance == null) {
          problems.add(new Problem(accountSource, "account names instance '" + instanceName
              + "', which no file declares under 'providers:'" + known()));
          continue;
        }
        JsonNode account = declared.get(instanceName);
        List<Problem> found = schema.validateAccount(instance.type(), account, doc, accountAt);
        if (!found.isEmpty()) {
          problems.addAll(found);
          continue;
        }
        ProviderFactory factory = factories.get(instance.type());
        Map<String, Object> attributes = new LinkedHashMap<>(factory.personDefaults(person));
        attributes.putAll(defaults.getOrDefault(instanceName, Map.of()));
        attributes.putAll(attributes(account, doc, accountAt));
        boolean absent = "absent".equals(attributes.remove("ensure"));
        check(factory.model(), factory, attributes, accountSource, instanceName);
        Manifest.DeclaredAccount declaredAccount = new Manifest.DeclaredAccount(handle, instanceName, attributes, absent, accountSource);
        claimKey(factory.model(), declaredAccount);
        accounts.add(declaredAccount);
      }
      return new Manifest.DeclaredPerson(handle, email, name, source, accounts);
    }

    private void claimKey(AccountModel model, Manifest.DeclaredAccount account) {
      Object key = account.attributes().get(model.keyAttribute());
      if (key == null) {
        return;
      }
      boolean caseInsensitive = model.key().comparison() == dev.roster.spi.Comparison.CASE_INSENSITIVE;
      String normalised = dev.roster.plan.Values.keyOf(key, caseInsensitive);
      Manifest.DeclaredAccount first = keys.computeIfAbsent(account.instance(), k -> new HashMap<>(capacity))
          .putIfAbsent(normalised, account);
      if (first != null) {
        problems.add(new Problem(account.source(), model.keyAttribute() + " '" + printable(dev.roster.plan.Values.keyOf(key, false))
            + "' on '" + account.instance() + "' is declared for two people: " + first.person() + " (" + first.source()
            + ") and " + account.person()));
      }
    }

    private void check(AccountModel model, ProviderFactory factory, Map<String, Object> attributes, Source source, String instance) {
      Object key = attributes.get(model.keyAttribute());
      if (key == null) {
        problems.add(new Problem(source, "account on '" + instance + "' has no '" + model.keyAttribute()
            + "' and the person gives none to inherit"));
        return;
      }
      String keyText = key instanceof Secret s ? s.reveal() : key.toString();
      if (unsafeKey(keyText)) {
        problems.add(new Problem(source, model.keyAttribute() + " '" + printable(keyText)
            + "' may not contain '/', '?', '#', '\\', '..' or control characters"));
      }
      for (Map.Entry<String, Object> e : attributes.entrySet()) {
        Attribute attribute = model.attribute(e.getKey());
        if (attribute.sensitive() && !(e.getValue() instanceof Secret) && !unresolved(e.getValue())) {
          problems.add(new Problem(source, e.getKey() + " is a secret: write it as ${env:NAME} or ${file:PATH} so that it stays out of Git"));
        }
      }
      for (String message : factory.check(attributes)) {
        problems.add(new Problem(source, message));
      }
    }

    private String known() {
      return instances.isEmpty() ? "" : " (declared: " + String.join(", ", instances.keySet()) + ")";
    }

    private Map<String, Object> attributes(JsonNode node, YamlDocument doc, String at) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String key : node.propertyNames()) {
        out.put(key, resolveAll(node.get(key), doc, at, key));
      }
      return out;
    }

    /**
     * JSON to plain Java values, with references resolved to secrets. The node is {@code name} in the
     * container at {@code parent}; its pointer is built only when needed (a problem, or a container).
     */
    private Object resolveAll(JsonNode node, YamlDocument doc, String parent, String name) {
      if (node.isString()) {
        try {
          return references.resolve(node.asString(), dirs.get(doc.file()));
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(doc.at(parent + YamlDocument.step(name)), e.getMessage()));
          return node.asString();
        }
      }
      if (node.isObject()) {
        String at = parent + YamlDocument.step(name);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
          out.put(key, resolveAll(node.get(key), doc, at, key));
        }
        return out;
      }
      if (node.isArray()) {
        String at = parent + YamlDocument.step(name);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          out.add(resolveAll(node.get(i), doc, at, String.valueOf(i)));
        }
        return out;
      }
      return Json.MAPPER.convertValue(node, Object.class);
    }
  }

  /**
   * A key that would change which resource a URL addresses: blank, {@code .}, holding {@code ..}, a
   * {@code /}, {@code ?}, {@code #}, a backslash or a control character. (A loop, not a regular
   * expression: it runs once per account, and the matcher was the merge's largest allocation.)
   */
  static boolean unsafeKey(String key) {
    if (key.isBlank() || key.equals(".") || key.contains("..")) {
      return true;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == '\\' || Character.isISOControl(c)) {
        return true;
      }
    }
    return false;
  }

  /** A reference that could not be resolved: already reported, so not a literal secret either. */
  private static boolean unresolved(Object value) {
    return value instanceof String s && References.hasReference(s);
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.toString();
  }
}
