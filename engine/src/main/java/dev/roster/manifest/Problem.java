package dev.roster.manifest;

/**
 * Something wrong in the files, at a place: printed as {@code file:line:column: message}.
 *
 * @param detail the YAML parser's own words for a syntax error, printed only on request; else null
 */
public record Problem(Source source, String message, String detail) {
  public Problem(Source source, String message) {
    this(source, message, null);
  }

  @Override
  public String toString() {
    return source == null ? message : source + ": " + message;
  }
}
