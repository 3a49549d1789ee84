package dev.roster.cli;

import picocli.CommandLine.Option;

/** The options every command that plans shares ({@code plan}, {@code apply}). */
final class PlanningOptions {
  @Option(names = "--allow-unsafe", description = "Do not refuse a plan beyond maxDeletes, maxDeletePercent, maxSuspends or maxAdminGrants.")
  boolean allowUnsafe;

  @Option(names = "--refresh-state",
      description = "For platforms that cannot be read: ignore the state file and plan every declared value again.")
  boolean refreshState;

  @Option(names = {"-q", "--quiet"}, description = "No progress on standard error (for scripts).")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Log every request: method, URL, status, time (credentials masked).")
  boolean verbose;
}
