package dev.roster.spi;

/** Small text helpers for messages shown to people. */
public final class Text {
  private Text() {}

  /** At most {@code max} characters, control characters removed, "…" when cut. */
  public static String clip(String s, int max) {
    String clean = s.replaceAll("[\\p{Cntrl}&&[^\n]]", "").replace('\n', ' ');
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }
}
