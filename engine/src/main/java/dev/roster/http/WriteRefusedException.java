package dev.roster.http;

/** A provider tried to write while Roster was only planning. A bug in that provider, never user error. */
public class WriteRefusedException extends RuntimeException {
  public WriteRefusedException(String request) {
    super("refused " + request + ": plan never writes (this is a bug in the provider)");
  }
}
