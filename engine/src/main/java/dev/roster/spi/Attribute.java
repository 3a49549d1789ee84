package dev.roster.spi;

/**
 * How the engine treats one account attribute.
 *
 * @param writeOnly sent on create, never read back and so never diffed (a password)
 * @param sensitive never printed: shown as {@code (sensitive)} in every output
 */
public record Attribute(String name, Comparison comparison, boolean writeOnly, boolean sensitive) {

  public static Attribute of(String name) {
    return new Attribute(name, Comparison.EXACT, false, false);
  }

  public static Attribute of(String name, Comparison comparison) {
    return new Attribute(name, comparison, false, false);
  }

  /** A secret that is set on create and cannot be read back, such as a password. */
  public static Attribute secret(String name) {
    return new Attribute(name, Comparison.EXACT, true, true);
  }
}
