package dev.roster.http;

import dev.roster.spi.ReadOnlyRequest;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Wraps the real HTTP client with what every request of an instance must go through: the plan-time
 * write guard, the rate limit, counting, and the {@code --verbose} log line.
 */
final class GuardedClient implements Client {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern CREDENTIAL_QUERY =
      Pattern.compile("(?i)([?&](?:[a-z_]*(?:token|key|secret|password)[a-z_]*)=)[^&]*");

  private final Client delegate;
  private final boolean readOnly;
  private final RateLimiter rateLimiter;
  private final RequestStats stats;
  private final Consumer<String> log;

  GuardedClient(Client delegate, boolean readOnly, RateLimiter rateLimiter, RequestStats stats, Consumer<String> log) {
    this.delegate = delegate;
    this.readOnly = readOnly;
    this.rateLimiter = rateLimiter;
    this.stats = stats;
    this.log = log;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    boolean write = isWrite(request);
    if (write && readOnly) {
      throw new WriteRefusedException(request.httpMethod() + " " + maskUrl(request.url()));
    }
    if (rateLimiter != null) {
      rateLimiter.acquire();
    }
    stats.sent(write);
    long start = System.nanoTime();
    try {
      Response response = delegate.execute(request, options);
      done(request, String.valueOf(response.status()), start);
      return response;
    } catch (IOException e) {
      done(request, "failed (" + e.getClass().getSimpleName() + ")", start);
      throw e;
    }
  }

  static boolean isWrite(Request request) {
    if (READS.contains(request.httpMethod().name())) {
      return false;
    }
    var template = request.requestTemplate();
    var metadata = template == null ? null : template.methodMetadata();
    return metadata == null
        || metadata.method() == null
        || !metadata.method().isAnnotationPresent(ReadOnlyRequest.class);
  }

  /** The {@code --verbose} line and the apply report's record of a request. */
  private void done(Request request, String outcome, long start) {
    if (log != null) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      log.accept(request.httpMethod() + " " + maskUrl(request.url()) + " -> " + outcome + " in " + ms + " ms");
    }
    RequestRecorder.record(request.httpMethod().name(), request.url(), request.headers(), outcome);
  }

  static String maskUrl(String url) {
    return CREDENTIAL_QUERY.matcher(url).replaceAll("$1***");
  }
}
