package dev.roster.cli;

import dev.roster.Instances;
import dev.roster.ReadFailure;
import dev.roster.plan.Planner;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.plan.Plan;
import dev.roster.output.ConsoleProgress;
import dev.roster.output.JsonRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Read every platform, compare with the files, and show what apply would change. Never writes.",
    footer = {"", "Examples:", "  roster plan", "  roster plan --format json --out plan.json",
        "  roster plan --only tracker --person alice --detailed-exitcode"})
final class PlanCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;
  @Mixin ManifestOptions manifest;
  @Mixin Selection selection;
  @Mixin PlanningOptions planning;

  @Mixin RenderingOptions rendering;

  @Option(names = "--out", paramLabel = "FILE", description = "Also save the plan (JSON) for 'roster apply FILE'.")
  Path out;

  @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when none.")
  boolean detailedExitCode;

  @Override
  public Integer call() throws IOException {
    Session session = root.session;
    Manifest m;
    try {
      m = session.load(manifest.files);
      selection.check(m);
    } catch (ManifestException e) {
      if (rendering.format == RenderingOptions.Format.markdown) {
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        session.env.out().print(rendering.markdown(false).invalidFiles(problems));
      }
      return session.report(e, planning.verbose);
    }
    Plan plan;
    try (Instances instances = session.instances(planning.verbose); ConsoleProgress progress = session.progress(planning.quiet)) {
      plan = new Planner(instances, session.stateFiles(planning.refreshState), progress).plan(m, selection.toScope());
    } catch (ReadFailure e) {
      session.env.err().println("error: " + e.getMessage());
      if (rendering.format == RenderingOptions.Format.markdown) {
        session.env.out().print(rendering.markdown(false).cannotPlan(e.failures()));
      }
      return ExitCodes.ERROR;
    }
    if (out != null) {
      session.write(out, new JsonRenderer().render(plan));
    }
    session.env.out().print(rendering.render(plan, session.style(), planning.allowUnsafe));
    if (rendering.format == RenderingOptions.Format.text && out != null) {
      session.env.out().println("Saved to " + out + ": apply exactly this with 'roster apply " + out + "'.");
    }
    if (session.refusedByGates(plan, planning.allowUnsafe)) {
      return ExitCodes.REFUSED;
    }
    return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
  }
}
