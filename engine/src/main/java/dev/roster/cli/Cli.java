package dev.roster.cli;

import dev.roster.Errors;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs one CLI command in-process and returns its exit code (0, 1, 2, 3 or 4: see DESIGN.md). */
public final class Cli {
  private Cli() {}

  public static int run(Environment env, String... args) {
    // everything printed passes the redactor: no secret leaves, whichever way it came
    Environment redacted = new Environment(env.variables(), env.workingDir(), RedactingOutput.wrap(env.out()),
        RedactingOutput.wrap(env.err()), env.in(), env.terminal());
    try {
      return commandLine(redacted).execute(args);
    } finally {
      redacted.out().flush();
      redacted.err().flush();
    }
  }

  static CommandLine commandLine(Environment env) {
    CommandLine cl = new CommandLine(new RosterCommand(env));
    cl.setOut(new PrintWriter(env.out(), true));
    cl.setErr(new PrintWriter(env.err(), true));
    // a usage error is an error (1): 2 means "changes pending" to CI scripts
    cl.setParameterExceptionHandler((e, args) -> {
      env.err().println("error: " + e.getMessage());
      // picocli ranks the commands and options closest to what was typed
      if (e instanceof picocli.CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
        env.err().println("Did you mean '" + u.getSuggestions().get(0) + "'?");
      }
      String command = e.getCommandLine().getCommandName().equals("roster") ? "" : e.getCommandLine().getCommandName() + " ";
      env.err().println("Try 'roster " + command + "--help'.");
      return ExitCodes.ERROR;
    });
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      env.err().println("error: " + Errors.describe(e));
      if ("1".equals(env.variables().get("ROSTER_DEBUG"))) {
        e.printStackTrace(env.err());
      }
      return ExitCodes.ERROR;
    });
    return cl;
  }
}
