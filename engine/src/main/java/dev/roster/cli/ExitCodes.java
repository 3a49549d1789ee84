package dev.roster.cli;

/** The exit codes CI scripts rely on (DESIGN.md). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES_PENDING = 2;
  public static final int REFUSED = 3;
  public static final int SOME_FAILED = 4;

  private ExitCodes() {}
}
