package dev.roster.http;

import java.time.Duration;

/**
 * Request options of one instance.
 *
 * @param requestsPerSecond client-side rate limit; 0 means none
 * @param maxAttempts tries per request for retryable failures (429, 502, 503, 504, connection)
 * @param verbose log every request (method, URL, status, time) to standard error
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration readTimeout,
    double requestsPerSecond,
    int maxAttempts,
    Duration maxBackoff,
    boolean verbose,
    java.net.URI proxy,
    boolean insecureSkipTlsVerify) {

  public static HttpSettings defaults() {
    // a read that times out is tried once more: a platform that hangs is reported within a minute
    return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 0, 4, Duration.ofSeconds(30), false, null, false);
  }

  /** @param proxy an {@code http://host:port} proxy, or null for none */
  public HttpSettings withProxy(java.net.URI proxy, boolean insecureSkipTlsVerify) {
    return new HttpSettings(connectTimeout, readTimeout, requestsPerSecond, maxAttempts, maxBackoff, verbose, proxy,
        insecureSkipTlsVerify);
  }

  public HttpSettings withRequestsPerSecond(double rps) {
    return new HttpSettings(connectTimeout, readTimeout, rps, maxAttempts, maxBackoff, verbose, proxy, insecureSkipTlsVerify);
  }

  public HttpSettings withVerbose(boolean v) {
    return new HttpSettings(connectTimeout, readTimeout, requestsPerSecond, maxAttempts, maxBackoff, v, proxy, insecureSkipTlsVerify);
  }

  public HttpSettings withTimeouts(Duration connect, Duration read) {
    return new HttpSettings(connect, read, requestsPerSecond, maxAttempts, maxBackoff, verbose, proxy, insecureSkipTlsVerify);
  }

  public HttpSettings withMaxAttempts(int attempts, Duration backoff) {
    return new HttpSettings(connectTimeout, readTimeout, requestsPerSecond, attempts, backoff, verbose, proxy, insecureSkipTlsVerify);
  }
}
