package dev.roster.spi;

import java.util.Map;

/**
 * A stateful fake of one platform's API. {@link SandboxServer} mounts it at {@code /{type}} and
 * hands it each request with that prefix removed. Implementations must be thread-safe.
 */
public interface SandboxApi {

  /** The provider type; also the path prefix it is served under. */
  String type();

  SandboxResponse handle(SandboxRequest request);

  /** Empties the fake and restores its credentials. */
  void reset();

  /** Seeds the drift {@code roster demo} shows: accounts to update, and one nobody declares. */
  void seedDemo();

  /**
   * Environment variables the sandbox example manifest ({@code examples/sandbox/}) reads for this
   * platform's credentials, with the values this sandbox accepts, e.g. {@code KEITARO_API_KEY}.
   */
  Map<String, String> environment();
}
