package dev.roster.http;

import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket: at most {@code rate} requests a second on average, bursts of up to one second's
 * worth. Shared by every thread of an instance.
 */
public final class RateLimiter {
  private final double rate;
  private final double capacity;
  private double tokens;
  private long last;

  public RateLimiter(double requestsPerSecond) {
    this.rate = requestsPerSecond;
    this.capacity = Math.max(1, requestsPerSecond);
    this.tokens = 1;
    this.last = System.nanoTime();
  }

  /** Blocks until a request may go. */
  public void acquire() {
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) * rate / 1e9);
      last = now;
      tokens -= 1;
      // a negative balance is the queue: each waiter sleeps for its own place in it
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / rate);
    }
    if (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
    }
  }
}
