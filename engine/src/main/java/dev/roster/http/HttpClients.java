package dev.roster.http;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.HttpClientFactory;
import dev.roster.spi.Json;
import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.http2client.Http2Client;
import feign.jackson3.Jackson3Decoder;
import feign.jackson3.Jackson3Encoder;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the Feign clients of one instance, on one JDK HTTP client (its connections). Every client
 * it builds shares the instance's rate limit and statistics, retries with backoff, refuses to write
 * during {@code plan}, and follows no redirect, so that credentials never go anywhere else.
 */
public final class HttpClients implements HttpClientFactory, AutoCloseable {
  private final HttpSettings settings;
  private final boolean readOnly;
  private final RequestStats stats;
  private final Consumer<String> log;
  private final RateLimiter rateLimiter;
  private final HttpClient http;

  /**
   * @param readOnly true while planning: every request that is not a read fails before it is sent
   * @param log where {@code --verbose} lines go
   */
  public HttpClients(HttpSettings settings, boolean readOnly, RequestStats stats, Consumer<String> log) {
    this.settings = settings;
    this.readOnly = readOnly;
    this.stats = stats;
    this.log = settings.verbose() ? log : null;
    this.rateLimiter = settings.requestsPerSecond() > 0 ? new RateLimiter(settings.requestsPerSecond()) : null;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.proxy() != null) {
      int port = settings.proxy().getPort() > 0 ? settings.proxy().getPort() : 80;
      builder.proxy(ProxySelector.of(new InetSocketAddress(settings.proxy().getHost(), port)));
    }
    if (settings.insecureSkipTlsVerify()) {
      builder.sslContext(TrustAll.context());
    }
    this.http = builder.build();
  }

  @Override
  public <T> T build(Class<T> api, String baseUrl, ErrorMessages errors, RequestInterceptor... interceptors) {
    Feign.Builder builder = Feign.builder()
        .client(new GuardedClient(new Http2Client(http), readOnly, rateLimiter, stats, log))
        .encoder(new Jackson3Encoder(Json.MAPPER))
        .decoder(new Jackson3Decoder(Json.MAPPER))
        .errorDecoder(new PlatformErrorDecoder(errors))
        .retryer(new BackoffRetryer(settings.maxAttempts(), settings.maxBackoff(), stats))
        .invocationHandlerFactory(new FeignFailures())
        .options(new Request.Options(
            settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
            settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false));
    for (RequestInterceptor interceptor : interceptors) {
      builder.requestInterceptor(interceptor);
    }
    return builder.target(api, baseUrl);
  }

  public RequestStats stats() {
    return stats;
  }

  /** Closes the instance's connections (the JDK client closes itself from Java 21; on 17 they time out). */
  @Override
  public void close() {
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing idle connections: nothing to tell anyone
      }
    }
  }
}
