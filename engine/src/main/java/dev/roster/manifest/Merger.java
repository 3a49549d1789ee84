package dev.roster.manifest;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.manifest.Manifest.DeclaredPerson;
import dev.roster.manifest.Manifest.Ensure;
import dev.roster.manifest.Manifest.Expiry;
import dev.roster.manifest.Manifest.Instance;
import dev.roster.manifest.ManifestSchema.FileCheck;
import dev.roster.spi.Json;
import dev.roster.spi.Values;
import dev.roster.spi.AccountModel;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Person;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Merges checked files into one manifest: every file's instances, protect and safety, then their
 * defaults (which name instances), then their people, with defaults applied and references resolved.
 * It collects the problems that span files or need an instance's type: a name declared twice, an
 * account on an undeclared instance, an account's own schema, literal secrets, unsafe keys, the
 * providers' checks. What failed the file's schema check is left out, so that no problem is reported
 * only because of another. Each person's part of a file's tree is dropped once merged.
 */
final class Merger {
  private final Map<String, ProviderFactory> factories;
  private final ManifestSchema schema;
  private final List<Problem> problems = new ArrayList<>();
  private final ValueResolver resolver;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  /** Instances whose declaration failed the schema: accounts on them cannot be checked. */
  private final Set<String> unchecked = new HashSet<>();
  private final Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
  private final Map<String, Source> defaultsAt = new HashMap<>();
  private final Map<String, Source> peopleAt = new HashMap<>();
  /** Per instance, each account key and its account: one account, one person. */
  private final Map<String, Map<String, DeclaredAccount>> keys = new HashMap<>();
  /** Per instance, each former key ({@code previously}) and the account that claims it. */
  private final Map<String, Map<String, DeclaredAccount>> formerKeys = new HashMap<>();
  private final List<String> protect = new ArrayList<>();
  private final Map<String, Object> safety = new LinkedHashMap<>();
  private final List<DeclaredPerson> people = new ArrayList<>();

  /** @param missingReferences where a missing variable or file is reported as a warning; null for a problem */
  Merger(Map<String, ProviderFactory> factories, ManifestSchema schema, References references,
      List<Problem> missingReferences) {
    this.factories = factories;
    this.schema = schema;
    this.resolver = new ValueResolver(references, missingReferences, problems);
  }

  Manifest merge(List<FileCheck> files) {
    for (FileCheck file : files) {
      readInstances(file);
      readProtectAndSafety(file);
    }
    files.forEach(this::readDefaults);
    files.forEach(this::readPeople);
    return new Manifest(instances, people, List.copyOf(protect), Map.copyOf(safety));
  }

  List<Problem> problems() {
    return problems;
  }

  private void readInstances(FileCheck file) {
    JsonNode providers = file.file().root().path("providers");
    int i = 0;
    for (Map.Entry<String, JsonNode> entry : providers.properties()) {
      String name = entry.getKey();
      Source source = file.file().keyAt(providers, i++);
      Instance first = instances.get(name);
      if (first != null) {
        problems.add(new Problem(source, "instance '" + name + "' is declared twice: here and at " + first.source()));
        continue;
      }
      if (file.failed("/providers" + YamlFile.step(name))) {
        unchecked.add(name);
        instances.put(name, new Instance(name, null, Map.of(), source));
        continue;
      }
      JsonNode node = entry.getValue();
      String type = node.get("type").asString();
      JsonNode configSchema = factories.get(type).configSchema().path("properties");
      Map<String, Object> config = new LinkedHashMap<>();
      int k = 0;
      for (Map.Entry<String, JsonNode> setting : node.properties()) {
        String key = setting.getKey();
        Source at = file.file().valueAt(node, k++);
        // the schema marks credentials writeOnly: they must come from the environment or a file, and
        // only they become secrets
        boolean credential = configSchema.path(key).path("writeOnly").asBoolean(false);
        Object value = resolver.resolve(setting.getValue(), file.file(), at, credential);
        if (credential) {
          resolver.refuseLiteral(value, key + " is a credential", at);
        }
        config.put(key, value);
        if (key.equals("offboard") && "suspend".equals(value) && factories.get(type).model().suspension() == null) {
          problems.add(new Problem(at, "offboard: suspend: " + type + " accounts cannot be suspended (its API has no"
              + " suspension); offboard with delete, the default"));
        }
      }
      instances.put(name, new Instance(name, type, config, source));
    }
  }

  private void readProtectAndSafety(FileCheck file) {
    JsonNode root = file.file().root();
    protect.addAll(Json.strings(root.path("protect")));
    JsonNode gates = root.path("safety");
    int i = 0;
    for (Map.Entry<String, JsonNode> gate : gates.properties()) {
      Source source = file.file().keyAt(gates, i++);
      if (safety.putIfAbsent(gate.getKey(), Json.MAPPER.convertValue(gate.getValue(), Object.class)) != null) {
        problems.add(new Problem(source, "safety." + gate.getKey() + " is set in two files"));
      }
    }
  }

  private void readDefaults(FileCheck file) {
    JsonNode all = file.file().root().path("defaults");
    int i = 0;
    for (Map.Entry<String, JsonNode> entry : all.properties()) {
      String name = entry.getKey();
      String at = "/defaults" + YamlFile.step(name);
      Source source = file.file().keyAt(all, i++);
      if (!firstDeclaration(defaultsAt, name, source, "defaults for '" + name + "' are") || file.failed(at)
          || unchecked.contains(name)) {
        continue;
      }
      Instance instance = instances.get(name);
      if (instance == null) {
        problems.add(new Problem(source, "defaults name instance '" + name + "', which no file declares under 'providers:'"
            + Suggestion.didYouMean(name, instances.keySet())));
        continue;
      }
      List<Problem> found = schema.checkAccount(instance.type(), entry.getValue(), file.file(), at);
      problems.addAll(found);
      if (found.isEmpty()) {
        defaults.put(name, resolver.attributes(entry.getValue(), file.file(), factories.get(instance.type()).model()));
      }
    }
  }

  private void readPeople(FileCheck file) {
    JsonNode users = file.file().root().path("users");
    int i = 0;
    for (Map.Entry<String, JsonNode> entry : users.properties()) {
      String handle = entry.getKey();
      String at = "/users" + YamlFile.step(handle);
      Source source = file.file().keyAt(users, i++);
      if (firstDeclaration(peopleAt, handle, source, "person '" + handle + "' is") && !file.failed(at)) {
        people.add(readPerson(file, handle, entry.getValue(), at, source));
      }
      // the person's part of the tree goes once merged, so that the tree and the manifest are never both
      // whole in memory (for 100,000 people, 98 and 60 MiB: together they left a 256 MiB heap collecting)
      entry.setValue(NullNode.getInstance());
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

  private DeclaredPerson readPerson(FileCheck file, String handle, JsonNode node, String at, Source source) {
    String email = node.has("email") ? node.get("email").asString() : null;
    String name = node.has("name") ? node.get("name").asString() : null;
    Person person = new Person(handle, email, name);
    List<String> formerIds = Json.strings(node.path("previously"));
    Expiry personUntil = expiry(node, file, at);
    List<DeclaredAccount> accounts = new ArrayList<>();
    JsonNode declared = node.path("accounts");
    int i = 0;
    for (Map.Entry<String, JsonNode> entry : declared.properties()) {
      String instanceName = entry.getKey();
      Source accountSource = file.file().keyAt(declared, i++);
      Instance instance = instances.get(instanceName);
      if (instance == null) {
        problems.add(new Problem(accountSource, "account names instance '" + instanceName
            + "', which no file declares under 'providers:'" + known(instanceName)));
        continue;
      }
      if (unchecked.contains(instanceName)) {
        continue;
      }
      String accountAt = at + "/accounts" + YamlFile.step(instanceName);
      List<Problem> found = schema.checkAccount(instance.type(), entry.getValue(), file.file(), accountAt);
      if (!found.isEmpty()) {
        problems.addAll(found);
        continue;
      }
      ProviderFactory factory = factories.get(instance.type());
      Map<String, Object> attributes = new LinkedHashMap<>(factory.personDefaults(person));
      attributes.putAll(defaults.getOrDefault(instanceName, Map.of()));
      attributes.putAll(resolver.attributes(entry.getValue(), file.file(), factory.model()));
      Ensure ensure = ensure(attributes.remove("ensure"), factory, instance, accountSource);
      attributes.remove("until");
      attributes.remove("previously");
      List<String> previously = new ArrayList<>(Json.strings(entry.getValue().path("previously")));
      formerIds.stream().filter(id -> !previously.contains(id)).forEach(previously::add);
      Expiry until = entry.getValue().has("until") ? expiry(entry.getValue(), file, accountAt) : personUntil;
      check(factory, attributes, accountSource, instanceName);
      if (!previously.isEmpty()) {
        String writtenAt = entry.getValue().has("previously") ? accountAt : at;
        Source where = file.file().keyAt(writtenAt + "/previously");
        factory.checkRename(new InstanceConfig(instanceName, instance.type(), instance.config()), previously)
            .forEach(message -> problems.add(new Problem(where, message)));
      }
      DeclaredAccount account = new DeclaredAccount(handle, instanceName, attributes, ensure,
          previously, until, accountSource);
      claimKey(factory.model(), account);
      accounts.add(account);
    }
    return new DeclaredPerson(handle, email, name, source, accounts);
  }

  /** {@code ensure:}, refused where the platform cannot suspend. */
  private Ensure ensure(Object written, ProviderFactory factory, Instance instance, Source at) {
    Ensure ensure = written == null ? Ensure.PRESENT
        : Ensure.valueOf(written.toString().toUpperCase(Locale.ROOT));
    if (ensure == Ensure.SUSPENDED && factory.model().suspension() == null) {
      problems.add(new Problem(at, "ensure: suspended: " + instance.type() + " accounts cannot be suspended (its API has"
          + " no suspension); use ensure: absent"));
    }
    return ensure;
  }

  /** The {@code until} a person or an account writes, or null; a day no calendar has is a problem. */
  private Expiry expiry(JsonNode node, FileCheck file, String pointer) {
    if (!node.has("until")) {
      return null;
    }
    Source at = file.file().at(pointer + "/until");
    try {
      return new Expiry(LocalDate.parse(node.get("until").asString()), at);
    } catch (DateTimeParseException e) {
      problems.add(new Problem(at, "until: '" + node.get("until").asString()
          + "' is not a day of the calendar (YYYY-MM-DD)"));
      return null;
    }
  }

  /** One key per account on an instance, and one person per former key: each claim made twice is a problem. */
  private void claimKey(AccountModel model, DeclaredAccount account) {
    Object key = account.attributes().get(model.keyAttribute());
    if (key == null) {
      return;
    }
    DeclaredAccount first = keys.computeIfAbsent(account.instance(), k -> new HashMap<>())
        .putIfAbsent(model.keyOf(key), account);
    if (first != null) {
      problems.add(new Problem(account.source(), model.keyAttribute() + " '" + printable(Values.keyOf(key, false))
          + "' on '" + account.instance() + "' is declared for two people: " + first.person() + " (" + first.source()
          + ") and " + account.person()));
    }
    for (String former : account.previously()) {
      DeclaredAccount other = formerKeys.computeIfAbsent(account.instance(), k -> new HashMap<>())
          .putIfAbsent(model.keyOf(former), account);
      if (other != null && !other.person().equals(account.person())) {
        problems.add(new Problem(account.source(), "previously '" + printable(former) + "' on '" + account.instance()
            + "' is claimed by two people: " + other.person() + " (" + other.source() + ") and " + account.person()
            + "; a live account can be renamed for one of them only"));
      }
    }
  }

  private void check(ProviderFactory factory, Map<String, Object> attributes, Source source, String instance) {
    AccountModel model = factory.model();
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
      if (model.attribute(e.getKey()).sensitive()) {
        resolver.refuseLiteral(e.getValue(), e.getKey() + " is a secret", source);
      }
    }
    for (String message : factory.check(attributes)) {
      problems.add(new Problem(source, message));
    }
  }

  /** The declared instance closest to {@code name}, else the declared instances. */
  private String known(String name) {
    String hint = Suggestion.didYouMean(name, instances.keySet());
    if (!hint.isEmpty()) {
      return hint;
    }
    return instances.isEmpty() ? "" : " (declared: " + String.join(", ", instances.keySet()) + ")";
  }

  /**
   * A key that would change which resource a URL addresses: blank, {@code .}, holding {@code ..}, a
   * {@code /}, {@code ?}, {@code #}, a backslash or a control character.
   */
  private static boolean unsafeKey(String key) {
    if (key.isBlank() || key.equals(".") || key.contains("..")) {
      return true;
    }
    return key.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || c == '\\' || Character.isISOControl(c));
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
        : Character.toString(c)));
    return out.toString();
  }
}
