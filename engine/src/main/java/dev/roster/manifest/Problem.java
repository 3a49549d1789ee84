package dev.roster.manifest;

/** Something wrong in the files, at a place: printed as {@code file:line:column: message}. */
public record Problem(Source source, String message) {
  @Override
  public String toString() {
    return source == null ? message : source + ": " + message;
  }
}
