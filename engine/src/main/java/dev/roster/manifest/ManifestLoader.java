package dev.roster.manifest;
import dev.roster.spi.Values;

import dev.roster.spi.Json;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Person;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads one file or a directory of {@code *.yaml} files into a {@link Manifest}: reads each safely,
 * checks it against the schema, merges the files, checks what spans files (a person declared twice,
 * an account on an undeclared instance), applies defaults and resolves references. Every problem is
 * collected and reported at once; none of this sends a request.
 */
public final class ManifestLoader {
  /** A line at the left margin that a file of people only may have. */
  private static final Pattern PEOPLE_ONLY_LINE = Pattern.compile("(version|users)[ \\t]*:([ \\t]|$)");

  private final Map<String, ProviderFactory> factories;
  private final ManifestSchema schema;
  private final References references;
  private final Path workingDir;
  private boolean mergeWhileReading = true;
  private int mergedWhileReading;
  private boolean mergedInTurn;

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
    mergedWhileReading = 0;
    mergedInTurn = false;
    List<Path> files = expand(paths);
    Map<String, Path> dirs = new LinkedHashMap<>();
    files.forEach(file -> dirs.put(display(file), file.toAbsolutePath().getParent()));
    if (files.size() == 1 && mergeWhileReading) {
      // one file: its people are merged as they are read (in the time the reader waits for SnakeYAML's
      // scanner), and each one's part of the tree goes at once, so that the whole tree is never in memory
      List<Problem> problems = new ArrayList<>();
      Merger merger = new Merger(problems, dirs);
      Checked checked = readChecked(files.get(0), merger.new Reading());
      if (!checked.problems().isEmpty() || merger.stillValid(checked.doc())) {
        mergedWhileReading = checked.merged();
        return merged(List.of(checked), merger, problems);
      }
      // defaults written after the people: those merged already missed them; read the file again
    }
    if (files.size() > 1 && mergeWhileReading) {
      Manifest manifest = mergedWhileRead(files, dirs);
      if (manifest != null) {
        return manifest;
      }
    }
    List<Problem> problems = new ArrayList<>();
    // files are read and checked on every core; their problems stay in file order
    List<Checked> all = files.parallelStream().map(file -> readChecked(file, null)).toList();
    return merged(all, new Merger(problems, dirs), problems);
  }

  /**
   * A directory's people merged file by file as the files are read, not after all of them are. Every
   * instance must be known before the first person is merged, so the files that may declare instances,
   * defaults, protect or safety are read first. A people file big enough to be read on two threads is
   * then merged while it is read, one file after another, as a single file is (the least memory: 100,000
   * people over 4 files peaked at 238-241 MiB read all at once, 162-181 MiB so); smaller ones are read
   * on every core at once, each merged as soon as it and those before it are read (one at a time, they
   * left a core idle: a plan of 10,000 people x 4 over 4 files took 0.90-1.01 s, against 0.71-0.75 s).
   * Null when the directory is not laid out so, or a file has a problem: then it is read and merged the
   * usual way, which reports every file's problems in file order.
   */
  private Manifest mergedWhileRead(List<Path> files, Map<String, Path> dirs) {
    List<Path> settingFiles = files.stream().filter(ManifestLoader::maySetUp).toList();
    if (settingFiles.isEmpty() || settingFiles.size() == files.size()) {
      return null;
    }
    List<Path> peopleFiles = files.stream().filter(file -> !settingFiles.contains(file)).toList();
    boolean oneByOne = size(peopleFiles) / peopleFiles.size() >= YamlReader.PIPELINE_FROM_CHARS;
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
      Thread t = new Thread(r, "roster-file-reader");
      t.setDaemon(true);
      return t;
    });
    Map<Path, Future<Checked>> reads = new HashMap<>();
    settingFiles.forEach(file -> reads.put(file, pool.submit(() -> readChecked(file, null))));
    if (!oneByOne) {
      peopleFiles.forEach(file -> reads.put(file, pool.submit(() -> readChecked(file, null))));
    }
    pool.shutdown();
    try {
      List<YamlDocument> settings = new ArrayList<>();
      for (Path file : settingFiles) {
        Checked checked = result(reads.get(file));
        if (!checked.problems().isEmpty()) {
          return null;
        }
        settings.add(checked.doc());
      }
      List<Problem> problems = new ArrayList<>();
      Merger merger = new Merger(problems, dirs);
      merger.settings(settings);
      int merged = 0;
      for (Path file : files) {
        Checked checked = reads.containsKey(file) ? result(reads.get(file)) : readChecked(file, merger.new Reading());
        if (!checked.problems().isEmpty() || !settingFiles.contains(file) && !peopleOnly(checked.doc())) {
          return null; // a problem, or settings the guess missed: what was merged may be wrong
        }
        merger.mergePeople(checked);
        merged += checked.merged();
      }
      mergedWhileReading = merged;
      mergedInTurn = true;
      if (!problems.isEmpty()) {
        throw new ManifestException(problems);
      }
      return merger.manifest();
    } finally {
      awaitTermination(pool); // past a problem, the usual way reads every file again: not beside these
    }
  }

  private static long size(List<Path> files) {
    long bytes = 0;
    for (Path file : files) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        // left to the reader, which says what is wrong
      }
    }
    return bytes;
  }

  private static Checked result(Future<Checked> read) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the manifest", e);
    }
  }

  private static void awaitTermination(ExecutorService pool) {
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether a file may hold more than {@code version} and {@code users}: a line at the left margin
   * that starts anything else. A guess that errs towards yes; {@link #peopleOnly} checks it once read.
   */
  private static boolean maySetUp(Path file) {
    try (BufferedReader lines = Files.newBufferedReader(file)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isEmpty() && " \t#".indexOf(line.charAt(0)) < 0 && !PEOPLE_ONLY_LINE.matcher(line).lookingAt()) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true; // not UTF-8, say: left to the reader, which says what is wrong
    }
  }

  private static boolean peopleOnly(YamlDocument doc) {
    for (String key : doc.root().propertyNames()) {
      if (!key.equals("version") && !key.equals("users")) {
        return false;
      }
    }
    return true;
  }

  private static Manifest merged(List<Checked> files, Merger merger, List<Problem> problems) {
    List<Problem> schemaProblems = new ArrayList<>();
    for (Checked checked : files) {
      schemaProblems.addAll(checked.problems());
    }
    if (!schemaProblems.isEmpty()) {
      throw new ManifestException(schemaProblems); // what a merge found so far assumed a valid file
    }
    Manifest manifest = merger.merge(files);
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    return manifest;
  }

  /** People merged while the last load's files were read (a test sees that the reader's hand-over did the work). */
  int mergedWhileReading() {
    return mergedWhileReading;
  }

  /** Whether the last load merged a directory's files in turn as they were read, not after all were. */
  boolean mergedInTurn() {
    return mergedInTurn;
  }

  /** Turns merging while reading off, so that a test can compare the two ways. */
  ManifestLoader mergingAfterReading() {
    mergeWhileReading = false;
    return this;
  }

  /**
   * One file read and checked against the schema: its document, or its problems.
   *
   * @param merged the first entries of its {@code users} that were merged while it was read
   */
  private record Checked(Path file, YamlDocument doc, List<Problem> problems, int merged) {}

  /** @param reading merges the people while the file is read, or null */
  private Checked readChecked(Path file, Merger.Reading reading) {
    try {
      ManifestSchema.FileCheck check = schema.fileCheck(reading);
      YamlDocument doc = YamlReader.read(file, display(file), check::person);
      return new Checked(file, doc, check.problems(doc), reading == null ? 0 : reading.merged);
    } catch (ManifestException e) {
      return new Checked(file, null, e.problems(), 0);
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
    private Map<String, Source> peopleAt = new HashMap<>();
    /** Per instance, each account key and where it is declared: one account, one person. */
    private final Map<String, Map<String, Manifest.DeclaredAccount>> keys = new LinkedHashMap<>();
    private int capacity = 16;
    private final List<String> protect = new ArrayList<>();
    private final Map<String, Object> safety = new LinkedHashMap<>();
    private final ArrayList<Manifest.DeclaredPerson> people = new ArrayList<>();
    /** While reading: the instances and defaults were read before the people (then not again). */
    private boolean settingsRead;
    private boolean defaultsBeforePeople;

    Merger(List<Problem> problems, Map<String, Path> dirs) {
      this.problems = problems;
      this.dirs = dirs;
    }

    /**
     * One file's people, merged as the schema passes them while the file is read, when the instances
     * are known by then: read before, or this file's, written before its people and passing the schema
     * (with its defaults, if any).
     */
    final class Reading implements ManifestSchema.CheckedPeople {
      /** The first entries of the file's {@code users} merged so far. */
      private int merged;
      /** No more people are merged before the file is whole. */
      private boolean stopped;

      @Override
      public void accept(ObjectNode slice, YamlDocument soFar) {
        if (stopped) {
          return;
        }
        JsonNode root = soFar.root();
        if (!settingsRead) {
          if (!root.has("providers") || !schema.settingsValid(root)) {
            stopped = true;
            return;
          }
          int before = problems.size();
          readInstances(soFar);
          readDefaults(soFar);
          settingsRead = true;
          defaultsBeforePeople = root.has("defaults");
          if (problems.size() > before) {
            stopped = true;
            return;
          }
        }
        JsonNode users = root.get("users");
        for (String handle : slice.propertyNames()) {
          int before = problems.size();
          mergePerson(soFar, users, merged++, handle);
          // places are looked up in the file as read so far: past a problem, the rest waits for all of it
          if (problems.size() > before) {
            stopped = true;
            return;
          }
        }
      }
    }

    /** False when the people merged while reading missed defaults written after them. */
    boolean stillValid(YamlDocument doc) {
      return !settingsRead || defaultsBeforePeople || !doc.root().has("defaults");
    }

    Manifest merge(List<Checked> files) {
      List<YamlDocument> docs = files.stream().map(Checked::doc).toList();
      if (settingsRead) {
        docs.forEach(this::readProtectAndSafety); // the instances and defaults were read on the first people
      } else {
        int count = docs.stream().mapToInt(doc -> doc.root().path("users").size()).sum();
        capacity = count * 4 / 3 + 1; // growing a map of 10,000 people one doubling at a time cost a fifth of the merge
        peopleAt = new HashMap<>(capacity);
        people.ensureCapacity(count);
        settings(docs);
      }
      files.forEach(this::mergePeople);
      return manifest();
    }

    /** Every file's instances, protect and safety, then their defaults (which name instances). */
    void settings(List<YamlDocument> docs) {
      for (YamlDocument doc : docs) {
        readInstances(doc);
        readProtectAndSafety(doc);
      }
      docs.forEach(this::readDefaults);
      settingsRead = true;
    }

    private void readProtectAndSafety(YamlDocument doc) {
      doc.root().path("protect").forEach(p -> protect.add(p.asString()));
      JsonNode gates = doc.root().path("safety");
      for (String gate : gates.propertyNames()) {
        if (safety.putIfAbsent(gate, Json.MAPPER.convertValue(gates.get(gate), Object.class)) != null) {
          problems.add(new Problem(doc.keyAt("/safety" + YamlDocument.step(gate)), "safety." + gate + " is set in two files"));
        }
      }
    }

    /** A file's people not merged while it was read. */
    void mergePeople(Checked file) {
      JsonNode users = file.doc().root().path("users");
      int index = 0;
      for (String handle : users.propertyNames()) { // release() keeps each entry: iterating stays safe
        if (index >= file.merged()) {
          mergePerson(file.doc(), users, index, handle);
        }
        index++;
      }
    }

    Manifest manifest() {
      return new Manifest(instances, people, List.copyOf(protect), Map.copyOf(safety));
    }

    /** The {@code index}-th entry of {@code users}, unless its handle came before; then its part of the tree goes. */
    private void mergePerson(YamlDocument doc, JsonNode users, int index, String handle) {
      Source source = doc.keyAt(users, index);
      if (firstDeclaration(peopleAt, handle, source, "person '" + handle + "' is")) {
        people.add(readPerson(doc, handle, users.get(handle), "/users" + YamlDocument.step(handle), source));
      }
      // each person's part of the tree goes once merged, so that the tree and the manifest are never
      // both whole in memory (100,000 people then read in a 190 MiB heap; without this, not)
      doc.release(users, handle);
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
      String normalised = dev.roster.spi.Values.keyOf(key, caseInsensitive);
      Manifest.DeclaredAccount first = keys.computeIfAbsent(account.instance(), k -> new HashMap<>(capacity))
          .putIfAbsent(normalised, account);
      if (first != null) {
        problems.add(new Problem(account.source(), model.keyAttribute() + " '" + printable(dev.roster.spi.Values.keyOf(key, false))
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
