package dev.roster.manifest;

/** A place in a manifest file, 1-based, as people and editors count. */
public record Source(String file, int line, int column) {

  /** {@code file:line}, for plans. */
  public String fileLine() {
    return file + ":" + line;
  }

  /** {@code file:line:column}, for errors. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
