package dev.roster.http;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Text;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;

/**
 * Turns a non-2xx answer into a {@link PlatformException} carrying the platform's own words, or into
 * a retry for the statuses that mean "not done, try later".
 */
final class PlatformErrorDecoder implements ErrorDecoder {
  static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
  /** Error bodies are read up to this size: a huge body must not exhaust memory. */
  static final int MAX_BODY = 64 * 1024;

  private final ErrorMessages messages;

  PlatformErrorDecoder(ErrorMessages messages) {
    this.messages = messages;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    Request request = response.request();
    String body = readBody(response).strip();
    int status = response.status();
    String what = request.httpMethod() + " " + path(request.url());
    String message = describeBody(status, body);
    if (RETRYABLE.contains(status)) {
      return new RetryableException(status, what + ": HTTP " + status + ": " + message,
          request.httpMethod(), retryAfter(response), request);
    }
    // a 404 for a list, or a web page, means the url does not lead to the API
    boolean notTheApi = status == 404 || body.startsWith("<");
    return new PlatformException(status, what, message, messages.hint(status, message),
        notTheApi ? PlatformException.Kind.NOT_THE_API : PlatformException.Kind.REFUSED);
  }

  private String describeBody(int status, String body) {
    if (body.startsWith("<")) {
      return "the server answered with an HTML page instead of JSON";
    } else if (body.isEmpty()) {
      return "(empty response body)";
    }
    String message = messages.message(status, body);
    return message == null || message.isBlank() ? Text.clip(body, 300) : message;
  }

  static String path(String url) {
    int scheme = url.indexOf("://");
    int slash = scheme < 0 ? url.indexOf('/') : url.indexOf('/', scheme + 3);
    return GuardedClient.maskUrl(slash < 0 ? "/" : url.substring(slash));
  }

  static String readBody(Response response) {
    if (response.body() == null) {
      return "";
    }
    try (InputStream in = response.body().asInputStream()) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Retry-After as seconds or an HTTP date; epoch millis for Feign, or null. */
  static Long retryAfter(Response response) {
    Collection<String> values = response.headers().get("Retry-After"); // Feign's headers ignore case
    if (values == null || values.isEmpty()) {
      return null;
    }
    String v = values.iterator().next().trim();
    try {
      return System.currentTimeMillis() + (long) (Double.parseDouble(v) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }
}
