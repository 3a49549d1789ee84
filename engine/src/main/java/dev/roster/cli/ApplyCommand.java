package dev.roster.cli;

import dev.roster.Instances;
import dev.roster.Progress;
import dev.roster.output.ConsoleProgress;
import dev.roster.ReadFailure;
import dev.roster.apply.Applier;
import dev.roster.apply.Interruption;
import dev.roster.apply.RunLock;
import dev.roster.apply.SavedPlanCheck;
import dev.roster.plan.Planner;
import dev.roster.apply.ChangeResult;
import dev.roster.apply.Outcome;
import dev.roster.spi.Json;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.manifest.References;
import dev.roster.output.Style;
import dev.roster.output.TextRenderer;
import dev.roster.spi.Change;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Plan, confirm, and make the changes.",
        "With PLANFILE: apply exactly that saved plan; entries whose live account changed since are refused (exit 3)."},
    footer = {"", "Examples:", "  roster apply                      # asks before changing anything",
        "  roster apply --auto-approve       # in CI, after merge", "  roster plan --out plan.json && roster apply plan.json"})
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;
  @Mixin ManifestOptions manifest;
  @Mixin Selection selection;
  @Mixin PlanningOptions planning;

  @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved by 'roster plan --out'.")
  Path planFile;

  @Option(names = "--auto-approve", description = "Do not ask: needed where no terminal is attached (CI).")
  boolean autoApprove;

  @Option(names = "--dry-run", description = "Show the plan and stop; nothing is written.")
  boolean dryRun;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report: one entry per change.")
  Path report;

  @Override
  public Integer call() throws IOException {
    Session session = root.session;
    try (Instances instances = session.instances(planning.verbose); ConsoleProgress progress = session.progress(planning.quiet)) {
      return planFile != null ? applySaved(session, instances, progress) : planAndApply(session, instances, progress);
    } catch (ManifestException e) {
      return session.report(e, planning.verbose);
    } catch (ReadFailure | RunLock.Taken e) {
      session.env.err().println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }

  private int planAndApply(Session session, Instances instances, Progress progress) throws IOException {
    Manifest m = session.load(manifest.files);
    selection.check(m);
    List<Path> locked = new ArrayList<>(session.manifestFiles(manifest.files));
    m.instances().values().forEach(i -> locked.addAll(statePath(session, i.type(), i.config())));
    String files = String.join(", ", session.files(manifest.files).stream().map(Path::toString).toList());
    try (RunLock lock = RunLock.acquire(locked, "apply of " + files, session.env.err()::println)) {
      Plan plan = new Planner(instances, session.stateFiles(planning.refreshState), progress).plan(m, selection.toScope());
      session.env.out().print(new TextRenderer(session.style()).render(plan));
      if (session.refusedByGates(plan, planning.allowUnsafe)) {
        return ExitCodes.REFUSED;
      }
      if (dryRun) {
        return ExitCodes.OK;
      }
      if (plan.isEmpty()) {
        // nothing to send; what an apply that did not finish left in a state file's journal is folded in
        new Applier(instances, session.stateFiles(planning.refreshState), Interruption.none(), Progress.NONE)
            .apply(plan, Set.of(), r -> {});
        return ExitCodes.OK;
      }
      if (!autoApprove) {
        if (!session.env.terminal()) {
          session.env.err().println("error: no terminal to confirm on: review the plan above, then run with --auto-approve");
          return ExitCodes.ERROR;
        }
        session.env.out().print("\nApply these changes? Only 'yes' is accepted: ");
        session.env.out().flush();
        String answer = new BufferedReader(new InputStreamReader(session.env.in(), StandardCharsets.UTF_8)).readLine();
        if (!"yes".equals(answer == null ? null : answer.strip())) {
          session.env.out().println("Cancelled; nothing was changed.");
          return ExitCodes.ERROR;
        }
      }
      return applyPlan(session, instances, progress, plan, Map.of());
    }
  }

  /** The state file an instance's apply writes, if its platform cannot be read. */
  private static List<Path> statePath(Session session, String type, Map<String, Object> config) {
    Path state = session.stateFiles(false).path(config);
    return session.factories.get(type).readable() || state == null ? List.of() : List.of(state);
  }

  private int applySaved(Session session, Instances instances, Progress progress) throws IOException {
    Plan saved;
    try {
      saved = PlanFile.read(session.env.workingDir().resolve(planFile), new References(session.env.variables()));
    } catch (IllegalArgumentException e) {
      session.env.err().println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    for (InstancePlan i : saved.instances()) {
      if (!session.factories.containsKey(i.provider())) {
        session.env.err().println("error: " + planFile + ": instance '" + i.instance() + "' is of type '" + i.provider()
            + "', which this build of Roster does not have");
        return ExitCodes.ERROR;
      }
    }
    List<Path> locked = new ArrayList<>(List.of(session.env.workingDir().resolve(planFile)));
    saved.instances().forEach(i -> locked.addAll(statePath(session, i.provider(), i.config())));
    try (RunLock lock = RunLock.acquire(locked, "apply of " + planFile, session.env.err()::println)) {
      SavedPlanCheck.Checked refreshed = new SavedPlanCheck(instances, session.stateFiles(false)).check(saved);
      session.env.out().print(new TextRenderer(session.style()).render(refreshed.plan()));
      if (session.refusedByGates(refreshed.plan(), planning.allowUnsafe)) {
        return ExitCodes.REFUSED;
      }
      refreshed.stale().forEach((instance, reasons) -> {
        session.env.err().println("refused '" + instance + "': the plan is stale, none of its changes are applied:");
        reasons.forEach(r -> session.env.err().println("  " + r));
      });
      int code = applyPlan(session, instances, progress, refreshed.plan(), refreshed.stale());
      if (!refreshed.stale().isEmpty()) {
        session.env.err().println("Run 'roster plan' again and review the new plan.");
        return ExitCodes.REFUSED;
      }
      return code;
    }
  }

  private int applyPlan(Session session, Instances instances, Progress progress, Plan plan, Map<String, List<String>> stale)
      throws IOException {
    Style style = session.style();
    session.env.out().println();
    List<ChangeResult> results;
    boolean interrupted;
    try (Interruption interruption = Interruption.onSignals(session.env.err())) {
      results = new Applier(instances, session.stateFiles(planning.refreshState), interruption, progress)
          .apply(plan, Set.copyOf(stale.keySet()), r -> progress(session, style, r));
      interrupted = interruption.requested();
    }
    if (report != null) {
      session.write(report,
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reportJson(results)));
    }
    if (interrupted) {
      long notStarted = results.stream().filter(r -> Applier.NOT_STARTED.equals(r.message())).count();
      session.env.err().println("interrupted: " + count(results, Outcome.APPLIED) + " applied, "
          + count(results, Outcome.FAILED) + " failed, " + notStarted + " not started; run apply again");
      return Interruption.EXIT_CODE;
    }
    session.env.out().println("\nApplied " + count(results, Outcome.APPLIED) + ", failed " + count(results, Outcome.FAILED)
        + ", skipped " + count(results, Outcome.SKIPPED) + ".");
    if (count(results, Outcome.FAILED) > 0) {
      session.env.out().println("Fix what failed and run apply again: applied changes will not be repeated.");
      return ExitCodes.SOME_FAILED;
    }
    return ExitCodes.OK;
  }

  private static void progress(Session session, Style style, ChangeResult r) {
    Change c = r.planned().change();
    String what = c.instance() + ": " + c.action().symbol() + " " + c.key();
    String line = switch (r.outcome()) {
      case APPLIED -> style.green("done    ") + what + (r.message() == null ? "" : ": " + r.message());
      case FAILED -> style.red("FAILED  ") + what + ": " + r.message();
      case SKIPPED -> style.yellow("skipped ") + what + ": " + r.message();
    };
    synchronized (session.env.out()) {
      session.env.out().println(line);
    }
  }

  private static long count(List<ChangeResult> results, Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  private static ObjectNode reportJson(List<ChangeResult> results) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("formatVersion", 1);
    ObjectNode summary = doc.putObject("summary");
    for (Outcome o : Outcome.values()) {
      summary.put(o.json(), count(results, o));
    }
    ArrayNode entries = doc.putArray("changes");
    for (ChangeResult r : results) {
      Change c = r.planned().change();
      ObjectNode e = entries.addObject();
      e.put("instance", c.instance());
      e.put("provider", c.provider());
      e.put("person", c.person());
      e.put("key", c.key());
      e.put("action", c.action().json());
      e.put("outcome", r.outcome().json());
      e.put("message", r.message());
      if (r.status() > 0) {
        e.put("status", r.status());
      }
      e.put("millis", r.millis());
      e.set("requests", Json.MAPPER.valueToTree(r.requests()));
    }
    return doc;
  }
}
