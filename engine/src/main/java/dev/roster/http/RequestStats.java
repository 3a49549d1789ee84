package dev.roster.http;

import java.util.concurrent.atomic.AtomicLong;

/** Requests sent and retried, per run: printed by benchmarks, asserted by tests. */
public final class RequestStats {
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  void sent(boolean write) {
    sent.incrementAndGet();
    if (write) {
      writes.incrementAndGet();
    }
  }

  void retried() {
    retries.incrementAndGet();
  }

  public long sent() {
    return sent.get();
  }

  public long writes() {
    return writes.get();
  }

  public long retries() {
    return retries.get();
  }
}
