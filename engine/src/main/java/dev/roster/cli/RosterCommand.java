package dev.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "roster",
    mixinStandardHelpOptions = true,
    versionProvider = RosterCommand.VersionProvider.class,
    description = "Users as code: keep people's SaaS accounts in Git, review a plan, apply it.",
    subcommands = {
      ValidateCommand.class, PlanCommand.class, ShowCommand.class, ApplyCommand.class, ImportCommand.class,
      SandboxCommand.class, DemoCommand.class, SchemaCommand.class, CompletionCommand.class, BenchCommand.class, picocli.CommandLine.HelpCommand.class
    },
    footer = {"", "Examples:", "  roster demo                      # try it against the built-in sandbox",
        "  roster plan                      # what would change", "  roster apply --auto-approve      # in CI, after merge",
        "", "Exit codes: 0 done / no changes, 1 error, 2 changes pending (plan --detailed-exitcode),",
        "3 refused by a safety gate or a stale plan, 4 apply finished with some changes failed, 130 apply interrupted."})
final class RosterCommand implements Runnable {
  final Session session;

  @Spec CommandSpec spec;

  RosterCommand(Environment env) {
    this.session = new Session(env);
  }

  @Override
  public void run() {
    spec.commandLine().usage(session.env.out());
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"roster " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
