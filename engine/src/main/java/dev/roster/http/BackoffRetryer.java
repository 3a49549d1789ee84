package dev.roster.http;

import feign.Request.HttpMethod;
import feign.RetryableException;
import feign.Retryer;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * Exponential backoff with full jitter, honouring {@code Retry-After}. A request that is not
 * idempotent (POST, PATCH) is retried after a connection failure only when it provably never
 * reached the server (the connection was refused or never opened): a create must not run twice.
 */
final class BackoffRetryer implements Retryer {
  private static final Set<HttpMethod> IDEMPOTENT =
      EnumSet.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);
  private static final long BASE_MILLIS = 200;

  private final int maxAttempts;
  private final long maxBackoffMillis;
  private final RequestStats stats;
  private int attempt = 1;

  BackoffRetryer(int maxAttempts, Duration maxBackoff, RequestStats stats) {
    this.maxAttempts = maxAttempts;
    this.maxBackoffMillis = maxBackoff.toMillis();
    this.stats = stats;
  }

  @Override
  public void continueOrPropagate(RetryableException e) {
    if (attempt++ >= maxAttempts || !mayRepeat(e)) {
      throw e;
    }
    // a platform that did not answer in time once is tried once more, not until minutes have passed
    if (e.getCause() instanceof SocketTimeoutException && attempt > 2) {
      throw e;
    }
    long wait;
    if (e.retryAfter() != null) {
      wait = Math.max(0, e.retryAfter() - System.currentTimeMillis());
    } else {
      long ceiling = Math.min(maxBackoffMillis, BASE_MILLIS << Math.min(attempt, 16));
      wait = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }
    if (wait > maxBackoffMillis) {
      throw e; // the platform asks us to wait longer than the user allows
    }
    stats.retried();
    try {
      Thread.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private static boolean mayRepeat(RetryableException e) {
    if (FeignFailures.untrustedCertificate(e)) {
      return false; // a certificate that is not trusted stays so: the user should see why at once
    }
    if (e.status() > 0) {
      return true; // the server answered 429/502/503/504: it did not do the work
    }
    if (e.method() != null && IDEMPOTENT.contains(e.method())) {
      return true;
    }
    Throwable cause = e.getCause();
    // a connection refused or never opened: the request was not sent
    return cause instanceof ConnectException || cause instanceof ConnectTimeoutException;
  }

  @Override
  public Retryer clone() {
    return new BackoffRetryer(maxAttempts, Duration.ofMillis(maxBackoffMillis), stats);
  }
}
