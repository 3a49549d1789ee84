package dev.roster;

/** An instance whose accounts could not be read, with the platform's words: nothing is planned on it. */
public final class ReadFailure extends RuntimeException {
  private final boolean notTheApi;

  public ReadFailure(String message) {
    this(message, false);
  }

  /** @param notTheApi what answered is likely not the platform's API: the instance's url is worth a look */
  public ReadFailure(String message, boolean notTheApi) {
    super(message);
    this.notTheApi = notTheApi;
  }

  public boolean notTheApi() {
    return notTheApi;
  }
}
