package dev.roster.spi;

/** How a declared value is compared with the live one. */
public enum Comparison {
  /** Equal JSON values; numbers compare by value (1 equals 1.0). */
  EXACT,
  /** Strings equal ignoring case (e-mail addresses). */
  CASE_INSENSITIVE,
  /** Objects: only the keys written in the files are compared; other live keys are left alone. */
  SUBSET,
  /** Lists: the same elements in any order. */
  UNORDERED
}
