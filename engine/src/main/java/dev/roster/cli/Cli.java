package dev.roster.cli;

/** Runs one CLI command in-process and returns its exit code (0, 1, 2, 3 or 4: see DESIGN.md). */
public final class Cli {
  private Cli() {}

  public static int run(Environment env, String... args) {
    throw new UnsupportedOperationException("not built yet");
  }
}
