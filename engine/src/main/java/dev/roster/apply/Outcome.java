package dev.roster.apply;

/** What became of one change. */
public enum Outcome {
  APPLIED,
  FAILED,
  SKIPPED;

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
