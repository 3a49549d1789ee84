package dev.roster.spi;

/**
 * A platform's way of saying what went wrong: pulls its message out of an error body and adds a
 * hint for the user. Providers implement it; {@link PlatformErrorDecoder} applies it.
 */
public interface ErrorMessages {

  /** The platform's own words from an error body (which may be empty, HTML or not JSON at all). */
  String message(int status, String body);

  /** What the user can check, or null. */
  default String hint(int status, String message) {
    return null;
  }
}
