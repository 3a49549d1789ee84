package dev.roster.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.cli.Cli;
import dev.roster.cli.Environment;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(Path workingDir, Map<String, String> env, String... args) {
    return atTerminal(workingDir, env, null, args);
  }

  /** As a person at a terminal would, typing {@code typed} (null: not a terminal). */
  public static CliRun atTerminal(Path workingDir, Map<String, String> env, String typed, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = typed == null ? InputStream.nullInputStream()
        : new java.io.ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Cli.run(new Environment(env, workingDir, o, e, in, typed != null), args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Runs {@code plan --detailed-exitcode} and fails unless it exits 0 saying "No changes.": how plan, apply, plan ends. */
  public static CliRun assertNoChanges(Path workingDir, Map<String, String> env) {
    CliRun again = run(workingDir, env, "plan", "--detailed-exitcode");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.out().contains("No changes."), again.out());
    return again;
  }

  public String all() {
    return out + err;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
