package dev.roster;

import java.util.List;

/** An instance whose accounts could not be read, with the platform's words: nothing is planned on it. */
public final class ReadFailure extends RuntimeException {
  private final boolean notTheApi;
  private final List<String> failures;

  public ReadFailure(String message) {
    this(message, false);
  }

  /** @param notTheApi what answered is likely not the platform's API: the instance's url is worth a look */
  public ReadFailure(String message, boolean notTheApi) {
    super(message);
    this.notTheApi = notTheApi;
    this.failures = List.of(message);
  }

  /** Several instances' failures at once, one message each. */
  public ReadFailure(List<String> failures) {
    super(String.join("\n", failures));
    this.notTheApi = false;
    this.failures = List.copyOf(failures);
  }

  /** One message per instance that failed. */
  public List<String> failures() {
    return failures;
  }

  public boolean notTheApi() {
    return notTheApi;
  }
}
