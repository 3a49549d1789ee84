package dev.roster.cli;

import dev.roster.Instances;
import dev.roster.output.ConsoleProgress;
import dev.roster.state.StateFiles;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.manifest.ManifestLoader;
import dev.roster.manifest.ManifestSchema;
import dev.roster.manifest.Problem;
import dev.roster.output.Style;
import dev.roster.spi.ProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** What every command needs: the environment, the provider types found, and the manifest loader. */
final class Session {
  final Environment env;
  final Map<String, ProviderFactory> factories;
  private ManifestSchema schema;

  Session(Environment env) {
    this.env = env;
    this.factories = new LinkedHashMap<>();
    for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
      ProviderFactory previous = factories.putIfAbsent(f.type(), f);
      if (previous != null) {
        throw new IllegalStateException("two providers claim type '" + f.type() + "': "
            + previous.getClass().getName() + " and " + f.getClass().getName());
      }
    }
  }

  ManifestSchema schema() {
    if (schema == null) {
      schema = new ManifestSchema(factories.values());
    }
    return schema;
  }

  /** {@code -f} as given, else {@code roster.yaml}, else the {@code roster/} directory. */
  List<Path> files(List<Path> given) {
    if (given != null && !given.isEmpty()) {
      return given;
    }
    Path file = env.workingDir().resolve("roster.yaml");
    Path dir = env.workingDir().resolve("roster");
    if (Files.isRegularFile(file)) {
      return List.of(file);
    }
    if (Files.isDirectory(dir)) {
      return List.of(dir);
    }
    throw new ManifestException(List.of(new Problem(null,
        "no manifest: give -f FILE, or put roster.yaml or a roster/ directory in " + env.workingDir())));
  }

  private ManifestLoader loader() {
    return new ManifestLoader(factories, schema(), env.variables(), env.workingDir());
  }

  /** Every manifest file {@code -f} (or the default) stands for. */
  List<Path> manifestFiles(List<Path> given) {
    return loader().expand(files(given));
  }

  Manifest load(List<Path> given) {
    return loader().load(files(given));
  }

  /** As {@link #load}, but a missing variable or file is added to {@code warnings} instead of failing. */
  Manifest load(List<Path> given, List<Problem> warnings) {
    return loader().load(files(given), warnings);
  }

  /** The run's instances; close it when done, which closes their connections. */
  Instances instances(boolean verbose) {
    return new Instances(factories, verbose, line -> env.err().println(line));
  }

  /** Progress on standard error: live bars on a terminal, count lines without one, none with --quiet. */
  ConsoleProgress progress(boolean quiet) {
    return ConsoleProgress.of(env.err(), env.terminal(), quiet);
  }

  /** @param refresh {@code --refresh-state}: what the state files hold is ignored */
  StateFiles stateFiles(boolean refresh) {
    return new StateFiles(env.workingDir(), refresh);
  }

  /** Writes a file Roster produces (plan, report) through the redactor. */
  void write(Path file, String text) throws java.io.IOException {
    Files.writeString(env.workingDir().resolve(file), dev.roster.spi.Redactor.redact(text));
  }

  /** Prints the gates a plan goes beyond; true when it must be refused (exit 3). */
  boolean refusedByGates(dev.roster.plan.Plan plan, boolean allowUnsafe) {
    List<String> violations = dev.roster.plan.SafetyGates.violations(plan);
    if (violations.isEmpty()) {
      return false;
    }
    env.err().println(allowUnsafe ? "warning: beyond a safety gate, allowed by --allow-unsafe:"
        : "refused by a safety gate (nothing was changed):");
    violations.forEach(v -> env.err().println("  " + v));
    if (!allowUnsafe) {
      env.err().println("If this is intended, run again with --allow-unsafe, or raise the gate in the files.");
    }
    return !allowUnsafe;
  }

  Style style() {
    return Style.detect(env.terminal(), env.variables());
  }

  /**
   * Prints every problem, one per line, and a count; under a syntax error, also the YAML parser's own
   * words when {@code verbose} (-v) or ROSTER_DEBUG=1.
   */
  int report(ManifestException e, boolean verbose) {
    boolean parserText = verbose || "1".equals(env.variables().get("ROSTER_DEBUG"));
    for (Problem p : e.problems()) {
      env.err().println(p);
      if (parserText && p.detail() != null) {
        env.err().println("  parser: " + p.detail());
      }
    }
    int n = e.problems().size();
    env.err().println(n + (n == 1 ? " problem" : " problems") + " found; nothing was sent to any platform.");
    return ExitCodes.ERROR;
  }
}
