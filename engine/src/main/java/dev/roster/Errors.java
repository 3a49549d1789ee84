package dev.roster;

import dev.roster.http.Text;
import dev.roster.spi.PlatformException;
import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/** One line for people from any failure: no stack trace, no secret. */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable e) {
    if (e instanceof PlatformException p) {
      return p.describe();
    }
    if (e instanceof DecodeException d) {
      return "the platform's answer could not be read (" + Text.clip(rootMessage(d), 200)
          + "); check that 'url' points at the platform's API";
    }
    if (e instanceof RetryableException r) {
      Throwable cause = r.getCause();
      if (cause instanceof ConnectException) {
        return "cannot connect: " + Text.clip(r.getMessage(), 200) + "; check 'url' and the network";
      }
      if (cause instanceof SocketTimeoutException || (cause != null && cause.getClass().getSimpleName().contains("Timeout"))) {
        return "timed out: " + Text.clip(r.getMessage(), 200) + "; the platform is slow or unreachable";
      }
      return "gave up after retries: " + Text.clip(r.getMessage(), 300);
    }
    if (e instanceof FeignException f) {
      return Text.clip(f.getMessage(), 300);
    }
    return Text.clip(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 300);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
