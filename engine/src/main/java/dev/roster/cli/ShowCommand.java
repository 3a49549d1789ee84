package dev.roster.cli;

import dev.roster.plan.Plan;
import dev.roster.plan.PlanFile;
import dev.roster.plan.SafetyGates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Render a plan saved by 'roster plan --out', as plan prints it. Reads no platform and needs no secret.",
        "A plan beyond a safety gate is shown as refused: 'roster apply' refuses it unless run with --allow-unsafe."},
    footer = {"", "Examples:", "  roster plan --out plan.json && roster show plan.json --format markdown",
        "  roster show plan.json --format json --redact-pii > plan.redacted.json"})
final class ShowCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;

  @Parameters(paramLabel = "PLANFILE", description = "A plan saved by 'roster plan --out'.")
  Path planFile;

  @Mixin RenderingOptions rendering;

  @Override
  public Integer call() {
    Session session = root.session;
    Plan plan;
    try {
      plan = PlanFile.view(session.env.workingDir().resolve(planFile));
    } catch (IllegalArgumentException e) {
      session.env.err().println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    var out = session.env.out();
    out.print(rendering.render(plan, session.style(), false));
    List<String> gates = rendering.format == RenderingOptions.Format.text ? SafetyGates.violations(plan) : List.of();
    if (!gates.isEmpty()) {
      out.println("\nBeyond a safety gate: 'roster apply' refuses this plan (exit 3) unless run with --allow-unsafe:");
      gates.forEach(g -> out.println("  " + g));
    }
    return ExitCodes.OK;
  }
}
