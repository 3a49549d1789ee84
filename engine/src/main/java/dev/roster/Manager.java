package dev.roster;

import dev.roster.apply.ApplyReport;
import dev.roster.apply.ChangeResult;
import dev.roster.apply.Outcome;
import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestRecorder;
import dev.roster.http.RequestStats;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.plan.Differ;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Values;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.ProviderFactory;
import dev.roster.state.StateFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives the providers: reads every selected instance's live accounts (instances in parallel), diffs
 * them against the manifest into a {@link Plan}, and applies a plan's changes (instances in
 * parallel, each with its own bounded concurrency). Knows no platform.
 */
public final class Manager implements AutoCloseable {
  private final Map<String, ProviderFactory> factories;
  private final java.nio.file.Path workingDir;
  private final boolean verbose;
  private final Consumer<String> log;
  private final RequestStats stats = new RequestStats();
  private final Set<String> warnedInsecure = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The connections of every provider built, closed with the manager. */
  private final java.util.Queue<HttpClients> clients = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "roster");
    t.setDaemon(true);
    return t;
  });

  /** Which part of the manifest a run covers; empty sets mean everything. */
  public record Selection(Set<String> instances, Set<String> people) {
    public static Selection all() {
      return new Selection(Set.of(), Set.of());
    }

    boolean includesInstance(String name) {
      return instances.isEmpty() || instances.contains(name);
    }

    boolean includesPerson(String handle) {
      return people.isEmpty() || people.contains(handle);
    }
  }

  /** An instance whose live state could not be read, with the platform's words. */
  public static final class ReadFailure extends RuntimeException {
    public ReadFailure(String message) {
      super(message);
    }
  }

  /** @param workingDir where relative state file paths start */
  public Manager(Map<String, ProviderFactory> factories, java.nio.file.Path workingDir, boolean verbose, Consumer<String> log) {
    this.factories = factories;
    this.workingDir = workingDir;
    this.verbose = verbose;
    this.log = log;
  }

  public RequestStats stats() {
    return stats;
  }

  /** Reads live state and diffs. Sends only reads: every provider is built read-only. */
  public Plan plan(Manifest manifest, Selection selection) {
    return plan(manifest, selection, false);
  }

  /**
   * @param refreshState for instances diffed against a state file: ignore it, so that every
   *     declared value is sent again
   */
  public Plan plan(Manifest manifest, Selection selection, boolean refreshState) {
    Set<String> protect = new HashSet<>(manifest.protect());
    List<Manifest.Instance> instances = manifest.instances().values().stream()
        .filter(i -> selection.includesInstance(i.name())).toList();
    // the reads start first: what the files declare is sorted out here while the requests are out
    Map<String, CompletableFuture<List<DeclaredAccount>>> declared = new HashMap<>();
    instances.forEach(i -> declared.put(i.name(), new CompletableFuture<>()));
    List<CompletableFuture<InstancePlan>> futures = new ArrayList<>();
    for (Manifest.Instance instance : instances) {
      CompletableFuture<List<DeclaredAccount>> accounts = declared.get(instance.name());
      futures.add(CompletableFuture.supplyAsync(
          () -> planInstance(instance, accounts, protect, manifest.safety(), selection, refreshState), pool));
    }
    // every instance's accounts in one pass over the people, not one pass per instance
    Map<String, List<DeclaredAccount>> byInstance = new HashMap<>();
    try {
      instances.forEach(i -> byInstance.put(i.name(), new ArrayList<>()));
      for (Manifest.DeclaredPerson person : manifest.people()) {
        if (selection.includesPerson(person.handle())) {
          for (DeclaredAccount account : person.accounts()) {
            List<DeclaredAccount> list = byInstance.get(account.instance());
            if (list != null) {
              list.add(account);
            }
          }
        }
      }
      byInstance.forEach((name, list) -> declared.get(name).complete(list));
    } catch (RuntimeException e) {
      declared.values().forEach(f -> f.completeExceptionally(e));
      throw e;
    }
    return new Plan(join(futures));
  }

  private InstancePlan planInstance(Manifest.Instance instance, CompletableFuture<List<DeclaredAccount>> accounts,
      Set<String> protect, Map<String, Object> safety, Selection selection, boolean refreshState) {
    ProviderFactory factory = factories.get(instance.type());
    Provider provider = provider(instance.name(), instance.type(), instance.config(), true);
    List<String> notes = new ArrayList<>();
    Set<String> protectHere = new HashSet<>(protect);
    protectHere.addAll(instance.protect());
    // planning for some people only: accounts no file declares are not theirs to delete
    Manifest.Instance scoped = selection.people().isEmpty() ? instance
        : new Manifest.Instance(instance.name(), instance.type(), withoutPrune(instance.config()), instance.source());
    Differ differ = new Differ(factory.model());
    // begun when the first live account comes in: the reads start before the declared accounts are sorted out
    Comparing comparing = new Comparing(() -> differ.start(scoped, accounts.join(), protectHere, provider::notes));
    long begun = System.nanoTime();
    if (factory.readable()) {
      read(instance.name(), provider, declared(factory.model(), accounts), comparing);
    } else {
      StateFile state = state(instance.name(), instance.type(), instance.config());
      notes.add(instance.type() + " cannot be read: this plan compares the files with what Roster last applied, "
          + "recorded in the state file " + instance.config().get("state"));
      List<LiveAccount> live;
      if (refreshState) {
        notes.add("--refresh-state: the state file is ignored, so every declared value is sent again");
        live = List.of();
      } else {
        if (!state.existed()) {
          notes.add("no state file yet: every declared value is planned as a set");
        }
        live = state.accounts();
      }
      live.forEach(comparing);
    }
    InstancePlan plan = comparing.plan();
    if (verbose) {
      log.accept(String.format("[%s] %d live accounts read and compared with %d declared in %d ms", instance.name(),
          plan.liveAccounts(), accounts.join().size(), (System.nanoTime() - begun) / 1_000_000));
    }
    // the gates in force travel with the plan, so a saved plan is checked by the same ones
    Map<String, Object> config = new LinkedHashMap<>(instance.config());
    safety.forEach(config::putIfAbsent);
    return new InstancePlan(plan.instance(), plan.provider(), config, plan.changes(), plan.unchanged(),
        plan.liveAccounts(), selection.people().isEmpty() ? plan.unmanaged() : List.of(), plan.skipped(), notes);
  }

  /** Live accounts compared as a provider hands them over, the diff begun with the first. */
  private static final class Comparing implements Consumer<LiveAccount> {
    private final Supplier<Differ.Diffing> start;
    private Differ.Diffing diffing;

    Comparing(Supplier<Differ.Diffing> start) {
      this.start = start;
    }

    @Override
    public synchronized void accept(LiveAccount account) {
      diffing().add(account);
    }

    synchronized InstancePlan plan() {
      return diffing().plan();
    }

    private Differ.Diffing diffing() {
      if (diffing == null) {
        diffing = start.get();
      }
      return diffing;
    }
  }

  private static Map<String, Object> withoutPrune(Map<String, Object> config) {
    Map<String, Object> c = new LinkedHashMap<>(config);
    c.put("prune", false);
    return c;
  }

  /** The state file of an instance whose platform cannot be read. */
  private StateFile state(String instance, String type, Map<String, Object> config) {
    Object path = config.get("state");
    if (!(path instanceof String p) || p.isBlank()) {
      throw new ReadFailure("'" + instance + "' (" + type + ") cannot be read: give 'state: PATH' for the file that records what Roster applied");
    }
    try {
      return StateFile.open(workingDir.resolve(p), instance, type, factories.get(type).model());
    } catch (IllegalStateException e) {
      throw new ReadFailure(e.getMessage());
    }
  }

  /** What an instance holds now: read from the platform, or from its state file when it cannot be read. */
  private List<LiveAccount> current(String instance, String type, Map<String, Object> config, Declared declared) {
    if (factories.get(type).readable()) {
      return read(instance, provider(instance, type, config, true), declared);
    }
    return state(instance, type, config).accounts();
  }

  /**
   * What the files declare on an instance, worked out when the provider first asks (waiting for the
   * accounts to be sorted out, if need be).
   */
  private static Declared declared(dev.roster.spi.AccountModel model, CompletableFuture<List<DeclaredAccount>> accounts) {
    return new Declared() {
      private Declared known;

      @Override
      public synchronized Set<String> keysSetting(java.util.Collection<String> attributes) {
        if (known == null) {
          Map<Object, Set<String>> byKey = new HashMap<>();
          for (DeclaredAccount a : accounts.join()) {
            byKey.putIfAbsent(a.attributes().get(model.keyAttribute()), a.attributes().keySet());
          }
          known = declared(model, byKey);
        }
        return known.keysSetting(attributes);
      }
    };
  }

  /** What the files declare: the attribute names set, by account key as the platform compares it. */
  private static Declared declared(dev.roster.spi.AccountModel model, Map<Object, Set<String>> namesByKey) {
    boolean caseInsensitive = model.key().comparison() == dev.roster.spi.Comparison.CASE_INSENSITIVE;
    return Declared.of(namesByKey, key -> Values.keyOf(key, caseInsensitive));
  }

  /** Live accounts of one instance, with a platform refusal turned into a message naming the instance. */
  public List<LiveAccount> read(String instance, Provider provider) {
    return read(instance, provider, Declared.none());
  }

  private List<LiveAccount> read(String instance, Provider provider, Declared declared) {
    List<LiveAccount> live = new ArrayList<>();
    read(instance, provider, declared, live::add);
    return live;
  }

  /** Hands each live account over as the provider reads it; a platform refusal becomes a message naming the instance. */
  private void read(String instance, Provider provider, Declared declared, Consumer<LiveAccount> each) {
    // the same account twice means a page came back twice, and another page never did:
    // planning on that would create accounts that exist
    Set<String> ids = new HashSet<>();
    try {
      provider.list(declared, account -> {
        if (!ids.add(account.id())) {
          throw new ReadFailure("cannot read '" + instance + "': the platform listed account " + account.id()
              + " twice (a page repeated?); refusing to plan on an incomplete list");
        }
        each.accept(account);
      });
    } catch (PlatformException e) {
      throw new ReadFailure("cannot read '" + instance + "': " + e.describe());
    } catch (feign.FeignException e) {
      throw new ReadFailure("cannot read '" + instance + "': " + Errors.describe(e));
    }
  }

  /** A saved plan checked against the platforms now. */
  public record Refreshed(Plan plan, Map<String, List<String>> stale) {}

  /**
   * Reads again the live accounts a saved plan's changes touch and checks each against the
   * fingerprint taken when the plan was made. Returns the plan with live accounts attached, and per
   * instance the entries that changed since (that instance must then be refused whole).
   */
  public Refreshed refresh(Plan saved) {
    Map<String, List<String>> stale = new java.util.concurrent.ConcurrentHashMap<>();
    List<CompletableFuture<InstancePlan>> futures = new ArrayList<>();
    for (InstancePlan instance : saved.instances()) {
      if (instance.changes().isEmpty()) {
        futures.add(CompletableFuture.completedFuture(instance));
        continue;
      }
      futures.add(CompletableFuture.supplyAsync(() -> {
        ProviderFactory factory = factories.get(instance.provider());
        boolean caseInsensitive = factory.model().key().comparison() == dev.roster.spi.Comparison.CASE_INSENSITIVE;
        Map<String, LiveAccount> byKey = new LinkedHashMap<>();
        // read as the plan read them, so that the fingerprints compare like with like
        Map<Object, Set<String>> wanted = new LinkedHashMap<>();
        instance.changes().forEach(pc -> wanted.putIfAbsent(pc.change().key(), pc.change().desired().keySet()));
        for (LiveAccount a : current(instance.instance(), instance.provider(), instance.config(),
            declared(factory.model(), wanted))) {
          Object key = a.get(factory.model().keyAttribute());
          if (key != null) {
            byKey.putIfAbsent(Values.keyOf(key, caseInsensitive), a);
          }
        }
        List<String> reasons = new ArrayList<>();
        List<PlannedChange> changes = new ArrayList<>();
        for (PlannedChange pc : instance.changes()) {
          LiveAccount now = byKey.get(Values.keyOf(pc.change().key(), caseInsensitive));
          String fingerprint = now == null ? PlannedChange.ABSENT : Values.fingerprint(now.id(), now.attributes());
          if (!fingerprint.equals(pc.fingerprint())) {
            reasons.add(pc.change().key() + ": " + (now == null ? "the account no longer exists"
                : pc.fingerprint().equals(PlannedChange.ABSENT) ? "the account exists now" : "the account changed since the plan"));
          }
          var c = pc.change();
          changes.add(new PlannedChange(new dev.roster.plan.Change(c.instance(), c.provider(), c.person(), c.key(),
              c.action(), c.fields(), c.desired(), now, c.source(), c.reason()), pc.notes(), pc.fingerprint(), pc.adminGrant()));
        }
        if (!reasons.isEmpty()) {
          stale.put(instance.instance(), reasons);
        }
        return new InstancePlan(instance.instance(), instance.provider(), instance.config(), changes,
            instance.unchanged(), instance.liveAccounts(), instance.unmanaged(), instance.skipped(), instance.notes());
      }, pool));
    }
    return new Refreshed(new Plan(join(futures)), new LinkedHashMap<>(stale));
  }

  /**
   * Applies every change of the plan: instances in parallel, each instance's changes with its own
   * bounded concurrency. A failed change never stops the others.
   *
   * @param onResult called as each change finishes, for progress output
   */
  public ApplyReport apply(Plan plan, Set<String> refusedInstances, Consumer<ChangeResult> onResult) {
    List<CompletableFuture<List<ChangeResult>>> futures = new ArrayList<>();
    for (InstancePlan instance : plan.instances()) {
      if (instance.changes().isEmpty()) {
        continue;
      }
      if (refusedInstances.contains(instance.instance())) {
        List<ChangeResult> skipped = instance.changes().stream()
            .map(pc -> new ChangeResult(pc, Outcome.SKIPPED, "refused: the instance changed since the plan", 0, 0))
            .toList();
        skipped.forEach(onResult);
        futures.add(CompletableFuture.completedFuture(skipped));
        continue;
      }
      futures.add(CompletableFuture.supplyAsync(() -> applyInstance(instance, onResult), pool));
    }
    return new ApplyReport(join(futures).stream().flatMap(List::stream).toList());
  }

  private List<ChangeResult> applyInstance(InstancePlan instance, Consumer<ChangeResult> onResult) {
    Provider provider = provider(instance.instance(), instance.provider(), instance.config(), false);
    StateFile state = factories.get(instance.provider()).readable() ? null
        : state(instance.instance(), instance.provider(), instance.config());
    int concurrency = concurrency(instance.config());
    // batchSize/batchIntervalSeconds: platforms that need pacing get changes in batches with a pause
    int batch = instance.config().get("batchSize") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
    long pause = (long) ((instance.config().get("batchIntervalSeconds") instanceof Number n ? n.doubleValue() : 0) * 1000);
    ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "roster-apply-" + instance.instance());
      t.setDaemon(true);
      return t;
    });
    try {
      List<ChangeResult> all = new ArrayList<>();
      List<PlannedChange> changes = instance.changes();
      provider.prepare(changes.stream().map(PlannedChange::change).toList());
      for (int from = 0; from < changes.size(); from += batch) {
        if (from > 0 && pause > 0) {
          sleep(pause);
        }
        List<CompletableFuture<ChangeResult>> results = new ArrayList<>();
        for (PlannedChange pc : changes.subList(from, (int) Math.min(changes.size(), (long) from + batch))) {
          results.add(CompletableFuture.supplyAsync(() -> {
            ChangeResult r = applyOne(instance, provider, pc);
            if (state != null && r.outcome() == Outcome.APPLIED) {
              record(state, pc.change());
            }
            onResult.accept(r);
            return r;
          }, workers));
        }
        all.addAll(join(results));
      }
      return all;
    } finally {
      workers.shutdown();
      if (state != null) {
        state.compact();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What was applied becomes the state, key by key, the moment it succeeds. */
  private static void record(StateFile state, dev.roster.plan.Change change) {
    if (change.action() == dev.roster.plan.Action.DELETE) {
      state.forget(change.key());
    } else {
      state.record(change.key(), change.key(), change.desired());
    }
  }

  private ChangeResult applyOne(InstancePlan instance, Provider provider, PlannedChange pc) {
    long start = System.nanoTime();
    RequestRecorder.start();
    try {
      try {
        provider.apply(pc.change());
      } catch (feign.RetryableException lost) {
        if (lost.status() > 0 || pc.change().action() != dev.roster.plan.Action.CREATE) {
          throw lost;
        }
        // the create may have reached the platform before the connection broke: look before retrying
        if (createdMeanwhile(instance, provider, pc)) {
          return new ChangeResult(pc, Outcome.APPLIED, "the answer was lost, but the account exists: counted as applied",
              0, millis(start), RequestRecorder.stop());
        }
        provider.apply(pc.change());
      }
      return new ChangeResult(pc, Outcome.APPLIED, null, 0, millis(start), RequestRecorder.stop());
    } catch (PlatformException e) {
      return new ChangeResult(pc, Outcome.FAILED, e.describe(), e.status(), millis(start), RequestRecorder.stop());
    } catch (RuntimeException e) {
      return new ChangeResult(pc, Outcome.FAILED, Errors.describe(e), 0, millis(start), RequestRecorder.stop());
    }
  }

  /**
   * Looks with the provider that sent the create: its requests stay under the instance's one rate
   * limit and its connections (a provider built for the look had a limiter and a pool of its own,
   * one per lost answer, kept until the end).
   */
  private boolean createdMeanwhile(InstancePlan instance, Provider provider, PlannedChange pc) {
    ProviderFactory factory = factories.get(instance.provider());
    if (!factory.readable()) {
      return false;
    }
    boolean caseInsensitive = factory.model().key().comparison() == dev.roster.spi.Comparison.CASE_INSENSITIVE;
    String key = Values.keyOf(pc.change().key(), caseInsensitive);
    return read(instance.instance(), provider).stream()
        .map(a -> a.get(factory.model().keyAttribute()))
        .anyMatch(k -> k != null && Values.keyOf(k, caseInsensitive).equals(key));
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A provider for one instance; {@code readOnly} makes every write fail before it is sent. */
  public Provider provider(String instance, String type, Map<String, Object> config, boolean readOnly) {
    ProviderFactory factory = factories.get(type);
    HttpSettings settings = HttpSettings.defaults()
        .withVerbose(verbose)
        .withRequestsPerSecond(config.get("requestsPerSecond") instanceof Number n ? n.doubleValue() : 0)
        .withTimeouts(seconds(config.get("connectTimeoutSeconds"), 10), seconds(config.get("readTimeoutSeconds"), 30))
        .withProxy(config.get("proxy") instanceof String p ? java.net.URI.create(p) : null,
            Boolean.TRUE.equals(config.get("insecureSkipTlsVerify")));
    if (settings.insecureSkipTlsVerify() && warnedInsecure.add(instance)) {
      log.accept("WARNING: TLS certificates are NOT verified for '" + instance + "' (insecureSkipTlsVerify): "
          + "anyone on the network path can read its credentials and change its answers");
    }
    HttpClients http = new HttpClients(settings, readOnly, stats, line -> log.accept("[" + instance + "] " + line));
    clients.add(http);
    return factory.create(new InstanceConfig(instance, type, config), ProviderContext.of(http, concurrency(config)));
  }

  private static int concurrency(Map<String, Object> config) {
    return config.get("concurrency") instanceof Number n ? n.intValue() : 4;
  }

  private static Duration seconds(Object value, double fallback) {
    double s = value instanceof Number n ? n.doubleValue() : fallback;
    return Duration.ofMillis((long) (s * 1000));
  }

  private static <T> List<T> join(List<CompletableFuture<T>> futures) {
    List<T> out = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<T> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ReadFailure rf) {
          failures.add(rf.getMessage());
        } else if (cause instanceof RuntimeException re) {
          throw re;
        } else {
          throw e;
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new ReadFailure(String.join("\n", failures));
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    clients.forEach(HttpClients::close);
  }
}
