package dev.roster.spi;

import feign.RequestInterceptor;

/**
 * Builds Feign clients for one instance. Every client shares the instance's rate limit, retries
 * 429/502/503/504 and connection failures with backoff, and refuses any write during {@code plan}.
 * Failures reach the provider as {@link PlatformException}, never as Feign's own exceptions.
 */
public interface HttpClientFactory {

  /** A client of {@code api} at {@code baseUrl}; {@code interceptors} add auth headers and the like. */
  <T> T build(Class<T> api, String baseUrl, ErrorMessages errors, RequestInterceptor... interceptors);
}
