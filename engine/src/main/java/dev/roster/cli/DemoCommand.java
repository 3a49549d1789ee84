package dev.roster.cli;

import dev.roster.spi.SandboxApi;
import dev.roster.sandbox.SandboxServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "A guided run against the built-in sandbox: validate, plan, apply, and plan again to see no changes.",
    footer = {"", "Examples:", "  roster demo", "  roster demo --latency 20      # each sandbox answer takes 20 ms, as a platform's might"})
final class DemoCommand implements Callable<Integer> {
  static final String MANIFEST = "/dev/roster/demo/roster.yaml";

  @ParentCommand RosterCommand root;

  @Option(names = "--latency", paramLabel = "MS", defaultValue = "0", description = "How long each sandbox answer takes (its own work included).")
  long latency;

  @Override
  public Integer call() throws Exception {
    Session session = root.session;
    List<SandboxApi> apis = SandboxCommand.sandboxes(session);
    String manifest = manifest();
    if (manifest == null || apis.isEmpty()) {
      session.env.err().println("error: the demo needs the providers (run the roster jar, not the engine alone)");
      return ExitCodes.ERROR;
    }
    apis.forEach(api -> {
      api.reset();
      api.seedDemo();
    });
    Path dir = Files.createTempDirectory("roster-demo");
    Files.writeString(dir.resolve("roster.yaml"), manifest);
    try (SandboxServer server = new SandboxServer(0, latency, apis)) {
      return run(session, apis, server, dir);
    } finally {
      deleteTree(dir);
    }
  }

  /** The sandbox example's manifest, or null without the providers. */
  static String manifest() throws java.io.IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(MANIFEST)) {
      return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Removes a working directory and what it holds. */
  static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static int run(Session session, List<SandboxApi> apis, SandboxServer server, Path dir) {
    var out = session.env.out();
    Map<String, String> vars = new LinkedHashMap<>(session.env.variables());
    vars.put("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
    apis.forEach(api -> vars.putAll(api.environment()));
    Environment demo = new Environment(vars, dir, out, session.env.err(), InputStream.nullInputStream(), session.env.terminal());
    out.println("Roster demo: a sandbox of " + apis.size() + " platform(s) runs on " + vars.get("ROSTER_SANDBOX") + ",");
    out.println("seeded with accounts that drift from the manifest examples/sandbox/roster.yaml (a copy in " + dir
        + ", removed when the demo ends).");
    step(out, "1. roster validate   (files only, no network)");
    if (Cli.run(demo, "validate") != ExitCodes.OK) {
      return ExitCodes.ERROR;
    }
    step(out, "2. roster plan   (reads every platform, writes nothing)");
    if (Cli.run(demo, "plan", "--detailed-exitcode") != ExitCodes.CHANGES_PENDING) {
      return ExitCodes.ERROR;
    }
    step(out, "3. roster apply --auto-approve   (what CI runs after merge)");
    int applied = Cli.run(demo, "apply", "--auto-approve");
    if (applied != ExitCodes.OK) {
      return applied;
    }
    out.println();
    out.println("(To try your own edits: 'roster sandbox' serves these platforms; edit a copy of examples/sandbox/roster.yaml and plan.)");
    step(out, "4. roster plan   (again: the platforms now match the files)");
    return Cli.run(demo, "plan", "--detailed-exitcode");
  }

  private static void step(java.io.PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }
}
