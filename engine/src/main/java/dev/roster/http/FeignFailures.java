package dev.roster.http;

import dev.roster.spi.PlatformException;
import dev.roster.spi.Text;
import feign.FeignException;
import feign.InvocationHandlerFactory;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.lang.reflect.InvocationHandler;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * Turns what Feign throws into a {@link PlatformException} at the client's edge, so that providers and
 * the engine see one kind of failure: a refusal (from the error decoder), an unreadable answer, or no
 * answer at all (retries used up, a connection refused, a timeout, a certificate not trusted).
 */
final class FeignFailures implements InvocationHandlerFactory {
  private final InvocationHandlerFactory feigns = new InvocationHandlerFactory.Default();

  @Override
  public InvocationHandler create(feign.Target target, java.util.Map<java.lang.reflect.Method, MethodHandler> dispatch) {
    InvocationHandler handler = feigns.create(target, dispatch);
    return (proxy, method, args) -> {
      try {
        return handler.invoke(proxy, method, args);
      } catch (FeignException e) {
        throw translate(e);
      }
    };
  }

  static PlatformException translate(FeignException e) {
    String request = e.request() == null ? null
        : e.request().httpMethod() + " " + PlatformErrorDecoder.path(e.request().url());
    if (e instanceof DecodeException) {
      return new PlatformException(e.status(), request, "the answer is not JSON Roster can read ("
          + Text.clip(rootMessage(e), 200) + ")", "check that 'url' points at the platform's API", PlatformException.Kind.NOT_THE_API);
    }
    if (e instanceof RetryableException r && r.status() > 0) {
      return new PlatformException(r.status(), request, "gave up after retries: " + Text.clip(r.getMessage(), 300),
          "the platform is busy or rate-limiting: run again later, or lower requestsPerSecond");
    }
    Throwable cause = e.getCause();
    if (cause instanceof ConnectException) {
      return new PlatformException(0, request, "cannot connect: " + Text.clip(rootMessage(e), 200),
          "check 'url' and the network");
    }
    if (cause instanceof ConnectTimeoutException) {
      return new PlatformException(0, request, "timed out connecting: no connection within connectTimeoutSeconds",
          "check 'url', the network and any proxy");
    }
    if (cause instanceof java.net.SocketTimeoutException) {
      return new PlatformException(0, request, "timed out: no answer within readTimeoutSeconds",
          "the platform is slow or unreachable", PlatformException.Kind.ANSWER_LOST);
    }
    if (cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException) {
      // before the request was sent: nothing reached the platform, so the answer was not lost
      if (untrustedCertificate(e)) {
        return new PlatformException(0, request, "the platform's TLS certificate is not trusted: " + Text.clip(rootMessage(e), 200),
            "if it is self-signed or from a private CA, add that CA to Java's trust store; for a lab install only,"
                + " set insecureSkipTlsVerify: true on the instance");
      }
      return new PlatformException(0, request, "the TLS handshake failed: " + Text.clip(rootMessage(e), 200),
          "check 'url' and any proxy");
    }
    if (e instanceof RetryableException) {
      return new PlatformException(0, request, "the connection broke before the answer came: "
          + Text.clip(rootMessage(e), 200), "check the network; run again", PlatformException.Kind.ANSWER_LOST);
    }
    return new PlatformException(e.status(), request, Text.clip(e.getMessage(), 300), null);
  }

  /** An unknown chain or a certificate for another host name, rather than, say, no common protocol. */
  static boolean untrustedCertificate(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
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
