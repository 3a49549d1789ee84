package dev.roster.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the CLI sees of the world: tests pass their own, {@link Main} passes the process's.
 *
 * @param variables the environment variables {@code ${env:…}} reads
 * @param workingDir where relative paths start
 * @param terminal whether a person is at a terminal (for confirmation prompts and colour)
 */
public record Environment(
    Map<String, String> variables, Path workingDir, PrintStream out, PrintStream err, InputStream in, boolean terminal) {

  public static Environment system() {
    return new Environment(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err, System.in,
        System.console() != null);
  }
}
