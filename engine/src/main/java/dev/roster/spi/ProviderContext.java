package dev.roster.spi;

/**
 * What the engine lends a provider.
 *
 * @param http Feign clients that obey the run's mode (read-only during plan) and the instance's limits
 * @param concurrency how many requests of this instance may be in flight at once (pages, changes)
 */
public record ProviderContext(HttpClientFactory http, int concurrency) {}
