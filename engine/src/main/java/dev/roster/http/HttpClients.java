package dev.roster.http;

import feign.Feign;
import feign.Request;
import feign.RequestInterceptor;
import feign.hc5.ApacheHttp5Client;
import feign.jackson3.Jackson3Decoder;
import feign.jackson3.Jackson3Encoder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the Feign clients of one instance. Every client it builds shares the instance's rate limit
 * and statistics, retries with backoff, and (during {@code plan}) refuses to write.
 *
 * <p>They send through Apache HttpClient 5's blocking client: the request goes out and its answer
 * is read on the calling thread. {@code java.net.http} hands every exchange between its selector
 * thread and an executor, which cost about 1 ms a round trip more on 2 cores (27 round trips of
 * 20 ms, 4 in flight, 25 KB answers: 597-610 ms against 578-584 ms).
 */
public final class HttpClients implements AutoCloseable {
  /** Connections kept per instance: above any concurrency a manifest sets, so that none waits for one. */
  private static final int MAX_CONNECTIONS = 256;
  /** Methods whose empty body is still sent as one ({@code Content-Length: 0}). */
  private static final java.util.Set<String> METHODS_WITH_BODY = java.util.Set.of("POST", "PUT", "PATCH");

  private final HttpSettings settings;
  private final boolean readOnly;
  private final RequestStats stats;
  private final Consumer<String> log;
  private final RateLimiter rateLimiter;
  private final CloseableHttpClient http;

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
    var connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnPerRoute(MAX_CONNECTIONS)
        .setMaxConnTotal(MAX_CONNECTIONS)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
            .setSocketTimeout(Timeout.of(settings.readTimeout()))
            .build());
    if (settings.insecureSkipTlsVerify()) {
      connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(TrustAll.context()));
    }
    // what Roster does itself stays Roster's: retries (BackoffRetryer, counted), redirects (refused,
    // so credentials never follow one), and the request's exact headers (no cookies, no Accept-Encoding)
    HttpClientBuilder builder = HttpClientBuilder.create()
        .setConnectionManager(connections.build())
        .addExecInterceptorFirst("no-empty-body", HttpClients::withoutEmptyBody)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableContentCompression();
    if (settings.proxy() != null) {
      int port = settings.proxy().getPort() > 0 ? settings.proxy().getPort() : 80;
      builder.setProxy(new HttpHost("http", settings.proxy().getHost(), port));
    }
    this.http = builder.build();
  }

  /** A client of {@code api} at {@code baseUrl}; {@code interceptors} add auth headers and the like. */
  public <T> T build(Class<T> api, String baseUrl, ErrorMessages errors, RequestInterceptor... interceptors) {
    Feign.Builder builder = Feign.builder()
        .client(new GuardedClient(new ApacheHttp5Client(http), readOnly, rateLimiter, stats, log))
        .encoder(new Jackson3Encoder(Json.MAPPER))
        .decoder(new Jackson3Decoder(Json.MAPPER))
        .errorDecoder(new PlatformErrorDecoder(errors))
        .retryer(new BackoffRetryer(settings.maxAttempts(), settings.maxBackoff(), stats))
        .options(new Request.Options(
            settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
            settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false));
    for (RequestInterceptor interceptor : interceptors) {
      builder.requestInterceptor(interceptor);
    }
    return builder.target(api, baseUrl);
  }

  public boolean readOnly() {
    return readOnly;
  }

  public RequestStats stats() {
    return stats;
  }

  /**
   * feign-hc5 gives every request a body, an empty one when Feign has none: a GET or DELETE then
   * says {@code Content-Length: 0}, which a request without content should not send (RFC 9110 8.6).
   */
  private static ClassicHttpResponse withoutEmptyBody(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    if (request.getEntity() != null && request.getEntity().getContentLength() == 0
        && !METHODS_WITH_BODY.contains(request.getMethod())) {
      request.setEntity(null);
    }
    return chain.proceed(request, scope);
  }

  /** Closes the instance's connections. */
  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
  }
}
