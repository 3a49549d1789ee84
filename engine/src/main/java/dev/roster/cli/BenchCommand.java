package dev.roster.cli;

import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestLoader;
import dev.roster.output.TextRenderer;
import dev.roster.output.Style;
import dev.roster.plan.Differ;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.spi.SandboxApi;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.ProviderFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Times plan and apply for N people on every sandbox, and the engine alone, and prints each phase's
 * wall time beside the lower bound that the round trips impose. Not a test: a measurement.
 */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
    description = {"Benchmark: N people on every sandbox platform, with latency and rate limits.",
        "Prints per phase: wall time, requests, the round-trip lower bound, their ratio, and peak heap."},
    footer = {"", "Examples:", "  roster bench --people 10000 --latency 20",
        "  roster bench --people 500 --latency 5 --rps 50      # apply 2,000 changes at 50 requests/s per instance",
        "  roster bench --engine-only --people 100000",
        "  roster bench --engine-only --people 25000 --instances 4"})
final class BenchCommand implements Callable<Integer> {
  /** The JIT compiles on the same 2 cores: the third run of 100,000 people was still twice as slow as the fifth. */
  private static final int WARM_UP_RUNS = 5;
  private static final int MEASURED_RUNS = 5;
  /** Plans timed again with the sandboxes answering at once, after the plan runs (so already warm). */
  private static final int NO_LATENCY_RUNS = 3;

  @ParentCommand RosterCommand root;

  @Option(names = "--people", defaultValue = "1000", description = "People, each with an account on every instance.")
  int people;

  @Option(names = "--latency", paramLabel = "MS", defaultValue = "20", description = "Sandbox latency per request.")
  long latency;

  @Option(names = "--rps", defaultValue = "0", description = "Client-side rate limit per instance (requests/s); 0: none.")
  double rps;

  @Option(names = "--concurrency", defaultValue = "16", description = "Requests in flight per instance.")
  int concurrency;

  @Option(names = "--apply-concurrency", paramLabel = "C",
      description = "Requests in flight per instance for the apply (default: --concurrency): when the plans are what is "
          + "measured, the apply only sets the sandboxes up.")
  Integer applyConcurrency;

  @Option(names = "--plan-warm-up", defaultValue = "20",
      description = "Plans run first to warm the JVM (printed, with the JIT's compile time in each).")
  int planWarmUp;

  @Option(names = "--plan-runs", defaultValue = "3", description = "Plans timed after the warm-up.")
  int planRuns;

  @Option(names = "--one-per-platform",
      description = "One instance of each platform (the issue's 10,000 x 4), not every instance of the sandbox example.")
  boolean onePerPlatform;

  @Option(names = "--engine-only", description = "Only the engine: load + validate + diff + render, no network.")
  boolean engineOnly;

  @Option(names = "--files", defaultValue = "1",
      description = "Split the people over this many files of one directory (the providers in a file of their own).")
  int files;

  @Option(names = "--instances", defaultValue = "1",
      description = "With --engine-only: instances (of one type) each person has an account on.")
  int engineInstances;

  private PrintStream out;

  @Override
  public Integer call() throws Exception {
    Session session = root.session;
    out = session.env.out();
    out.printf("machine: %d cores, max heap %d MiB, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    // the runs' manifests and state files: 1.4 MB for a plan of 10,000 people, 10 MB for the engine's 100,000
    Path dir = Files.createTempDirectory("roster-bench");
    out.printf("working files: %s (removed at the end)%n", dir);
    try {
      return engineOnly ? engine(session, dir) : platforms(session, dir);
    } finally {
      DemoCommand.deleteTree(dir);
    }
  }

  /** Apply, then plans, against the sandboxes. */
  private int platforms(Session session, Path dir) throws Exception {
    List<SandboxApi> apis = SandboxCommand.sandboxes(session);
    int applyInFlight = applyConcurrency != null ? applyConcurrency : concurrency;
    Map<String, Map<String, Object>> providers = demoProviders(concurrency);
    out.printf("people %d%s, instances %d, latency %d ms, concurrency %d%s, rate limit %s%n%n", people,
        files <= 1 ? "" : " (in " + files + " files)", providers.size(), latency, concurrency,
        applyInFlight == concurrency ? "" : " (apply: " + applyInFlight + ")", rps > 0 ? rps + " req/s per instance" : "none");
    Path manifest = write(dir, manifest(demoProviders(applyInFlight)));
    apis.forEach(SandboxApi::reset);
    try (SandboxServer server = new SandboxServer(0, latency, apis)) {
      providers.forEach((name, config) -> server.alias("i-" + name, (String) config.get("type")));
      Map<String, String> vars = new LinkedHashMap<>(session.env.variables());
      vars.put("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
      apis.forEach(a -> vars.putAll(a.environment()));
      Environment quiet = new Environment(vars, dir, new PrintStream(OutputStream.nullOutputStream()),
          session.env.err(), InputStream.nullInputStream(), false);
      out.printf("%-22s %9s %9s %12s %7s %10s %9s %9s %7s%n", "phase", "wall s", "requests", "bound s", "ratio", "peak heap",
          "CPU s", "sandbox", "JIT s");
      phase("apply (create all)", server, providers, applyInFlight,
          () -> Cli.run(quiet, "apply", "--auto-approve", "--allow-unsafe", "-q"));
      write(dir, manifest(providers));
      Callable<Integer> plan = () -> Cli.run(quiet, "plan", "-q");
      // the JIT compiles on the same 2 cores for many runs: 5 plans in it took a third of their CPU, and
      // it settled only after about 15 (10,000 people x 5)
      for (int run = 1; run <= planWarmUp; run++) {
        phase("plan, warm-up #" + run, server, providers, concurrency, plan);
      }
      for (int run = 1; run <= planRuns; run++) {
        phase(planRuns == 1 ? "plan (no changes)" : "plan (no changes) #" + run, server, providers, concurrency, plan);
      }
      // the same plan with no latency at all: what it still takes is CPU work (Roster's and the
      // sandboxes', on the same cores), which no round-trip bound counts
      if (latency > 0) {
        server.setLatencyMillis(0);
        for (int run = 1; run <= NO_LATENCY_RUNS; run++) {
          phase("plan, 0 ms latency #" + run, server, providers, concurrency, plan);
        }
        server.setLatencyMillis(latency);
      }
      // the part of a plan that is the engine's alone: reading and checking the manifest
      long start = System.nanoTime();
      new ManifestLoader(session.factories, session.schema(), vars, dir).load(List.of(manifest));
      out.printf("%nof the plan, loading and checking the manifest (%d accounts) alone: %.2f s%n",
          (long) people * providers.size(), (System.nanoTime() - start) / 1e9);
    }
    return ExitCodes.OK;
  }

  private void phase(String name, SandboxServer server, Map<String, Map<String, Object>> providers, int inFlight,
      Callable<Integer> run) throws Exception {
    server.clearLog();
    resetPeakHeap();
    long cpuStart = processCpuNanos();
    long jitStart = jitMillis();
    long start = System.nanoTime();
    int code = run.call();
    double wall = (System.nanoTime() - start) / 1e9;
    double jit = (jitMillis() - jitStart) / 1e3;
    double sandboxCpu = server.cpuNanos() / 1e9;
    double rosterCpu = (processCpuNanos() - cpuStart) / 1e9 - sandboxCpu;
    long peak = peakHeap();
    List<String> requests = server.requests();
    double bound = 0;
    for (String instance : providers.keySet()) {
      long n = requests.stream().filter(r -> r.contains(" /i-" + instance + "/")).count();
      bound = Math.max(bound, bound(n, server.latencyMillis(), inFlight));
    }
    out.printf("%-22s %9.2f %9d %12.2f %7s %7d MiB %9.2f %9.2f %7.2f%s%n", name, wall, requests.size(), bound,
        bound > 0 ? String.format("%.2f", wall / bound) : "-", peak >> 20, rosterCpu, sandboxCpu, jit,
        code == 0 ? "" : "  (exit " + code + ")");
  }

  private static void resetPeakHeap() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** Time the JIT's compiler threads have spent compiling, summed (so it can exceed the wall time). */
  private static long jitMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  /**
   * CPU time of the whole process, all threads and the collector's included: beside the wall time it
   * shows when a phase is bound by CPU (near twice the wall on 2 cores) rather than by round trips.
   */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /**
   * The least time one instance's {@code n} requests can take: the first alone (a token or first
   * page that the others need), the rest {@code inFlight} at a time, each a round trip; and never
   * faster than the rate limit allows. Instances run in parallel, so a phase's bound is the largest.
   */
  private double bound(long n, long latencyMillis, int inFlight) {
    if (n == 0) {
      return 0;
    }
    double roundTrips = (1 + Math.ceil((n - 1) / (double) inFlight)) * latencyMillis / 1000.0;
    double rateLimit = rps > 0 ? n / rps : 0;
    return Math.max(roundTrips, rateLimit);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> demoProviders(int inFlight) throws Exception {
    String manifest = DemoCommand.manifest();
    if (manifest == null) {
      throw new IllegalStateException("the benchmark needs the providers (run the roster jar)");
    }
    Map<String, Object> demo = new Yaml().load(manifest);
    Map<String, Map<String, Object>> providers = new LinkedHashMap<>();
    Set<Object> types = new java.util.HashSet<>();
    ((Map<String, Map<String, Object>>) demo.get("providers")).forEach((name, config) -> {
      if (onePerPlatform && !types.add(config.get("type"))) {
        return; // a second instance of a platform (Konverte, a second Chatwoot)
      }
      Map<String, Object> c = new LinkedHashMap<>(config);
      c.put("concurrency", inFlight);
      // each instance at its own prefix, so its requests can be counted apart
      c.put("url", String.valueOf(c.get("url")).replace("/" + c.get("type"), "/i-" + name));
      c.put("prune", false);
      if (rps > 0) {
        c.put("requestsPerSecond", rps);
      }
      providers.put(name, c);
    });
    return providers;
  }

  /** The providers dumped by SnakeYAML; the people written line by line (a dump of 100,000 takes more heap than reading them). */
  private String manifest(Map<String, Map<String, Object>> providers) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    doc.put("providers", providers);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    StringBuilder out = new StringBuilder(new Yaml(options).dump(doc));
    String accounts = String.join(", ", providers.keySet().stream().map(name -> name + ": {}").toList());
    out.append("users:\n");
    for (int i = 0; i < people; i++) {
      out.append("  person").append(i).append(": {email: person").append(i).append("@example.com, name: Person Number")
          .append(i).append(", accounts: {").append(accounts).append("}}\n");
    }
    return out.toString();
  }

  /**
   * Writes the manifest where {@code roster} looks by default: {@code roster.yaml}, or with
   * {@code --files} a directory {@code roster/} holding the providers in one file and the people split
   * over the others. Returns the path written.
   */
  private Path write(Path dir, String yaml) throws java.io.IOException {
    if (files <= 1) {
      return Files.writeString(dir.resolve("roster.yaml"), yaml);
    }
    Path split = Files.createDirectories(dir.resolve("roster"));
    int users = yaml.indexOf("\nusers:\n") + 1;
    Files.writeString(split.resolve("providers.yaml"), yaml.substring(0, users));
    String[] lines = yaml.substring(users + "users:\n".length()).split("\n");
    int per = (lines.length + files - 1) / files;
    for (int f = 0; f < files; f++) {
      StringBuilder part = new StringBuilder("version: 1\nusers:\n");
      for (int i = f * per; i < Math.min(lines.length, (f + 1) * per); i++) {
        part.append(lines[i]).append('\n');
      }
      Files.writeString(split.resolve(String.format("people-%02d.yaml", f + 1)), part);
    }
    return split;
  }

  /**
   * load + validate + diff + render for N people with an account on each of {@code --instances}
   * instances of one type, in-process, after warm-up; each step timed apart.
   */
  private int engine(Session session, Path dir) throws Exception {
    ProviderFactory factory = session.factories.values().stream().filter(ProviderFactory::readable).findFirst().orElseThrow();
    Map<String, Object> template = new LinkedHashMap<>(demoProviders(concurrency).values().stream()
        .filter(c -> factory.type().equals(c.get("type"))).findFirst().orElseThrow());
    Map<String, Map<String, Object>> providers = new LinkedHashMap<>();
    for (int i = 1; i <= engineInstances; i++) {
      providers.put("app" + i, new LinkedHashMap<>(template));
    }
    String yaml = manifest(providers);
    Path file = write(dir, yaml);
    Map<String, String> vars = new LinkedHashMap<>(session.env.variables());
    vars.put("ROSTER_SANDBOX", "http://127.0.0.1:1");
    factory.sandbox().ifPresent(s -> vars.putAll(s.environment()));
    out.printf("engine alone: %d people x %d %s instances = %d accounts, %.1f MB of YAML in %d file(s) (load + validate + diff + render)%n",
        people, engineInstances, factory.type(), (long) people * engineInstances, yaml.length() / 1e6, files <= 1 ? 1 : files + 1);
    List<double[]> runs = new ArrayList<>();
    long peak = 0;
    for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
      resetPeakHeap();
      long start = System.nanoTime();
      Manifest m = new ManifestLoader(session.factories, session.schema(), vars, dir).load(List.of(file));
      long loaded = System.nanoTime();
      List<InstancePlan> plans = new ArrayList<>();
      int changes = 0;
      for (Manifest.Instance in : m.instances().values()) {
        List<Manifest.DeclaredAccount> declared = m.people().stream().flatMap(p -> p.accounts().stream())
            .filter(a -> a.instance().equals(in.name())).toList();
        // live: every account exists but one in a hundred, which the plan then creates
        List<LiveAccount> live = IntStream.range(0, declared.size()).filter(i -> i % 100 != 0)
            .mapToObj(i -> new LiveAccount(String.valueOf(i), declared.get(i).attributes())).toList();
        InstancePlan plan = new Differ(factory.model()).diff(in.name(), in.type(), in.config(), declared, live, Set.of(), c -> List.of());
        changes += plan.changes().size();
        plans.add(plan);
      }
      long diffed = System.nanoTime();
      String text = new TextRenderer(Style.plain()).render(new Plan(plans));
      long end = System.nanoTime();
      long used = peakHeap();
      double[] t = {(end - start) / 1e9, (loaded - start) / 1e9, (diffed - loaded) / 1e9, (end - diffed) / 1e9};
      out.printf("  run %d: %.3f s (load + validate %.3f, diff %.3f, render %.3f), %d changes, %d chars, peak heap %d MiB%s%n",
          run + 1, t[0], t[1], t[2], t[3], changes, text.length(), used >> 20, run < WARM_UP_RUNS ? " (warm-up)" : "");
      if (run >= WARM_UP_RUNS) {
        runs.add(t);
        peak = Math.max(peak, used);
      }
    }
    runs.sort(java.util.Comparator.comparingDouble(t -> t[0]));
    double[] median = runs.get(runs.size() / 2);
    out.printf("median after warm-up: %.3f s (load + validate %.3f, diff %.3f, render %.3f); peak heap %d MiB (max heap %d MiB)%n",
        median[0], median[1], median[2], median[3], peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    return ExitCodes.OK;
  }
}
