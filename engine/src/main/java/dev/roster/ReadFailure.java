package dev.roster;

/** An instance whose accounts could not be read, with the platform's words: nothing is planned on it. */
public final class ReadFailure extends RuntimeException {
  public ReadFailure(String message) {
    super(message);
  }
}
