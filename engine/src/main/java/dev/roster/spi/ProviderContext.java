package dev.roster.spi;

import dev.roster.http.HttpClients;

/** What the engine lends a provider: HTTP clients that obey the run's mode and limits. */
public interface ProviderContext {

  /** Feign clients for this instance: retries, timeouts, rate limit and the plan-time write guard. */
  HttpClients http();

  /** How many requests of this instance may be in flight at once (pages read, changes applied). */
  int concurrency();

  static ProviderContext of(HttpClients http, int concurrency) {
    record Simple(HttpClients http, int concurrency) implements ProviderContext {}
    return new Simple(http, concurrency);
  }
}
