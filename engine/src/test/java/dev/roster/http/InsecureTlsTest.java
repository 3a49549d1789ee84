package dev.roster.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.spi.PlatformException;
import feign.Request;
import feign.RequestLine;
import feign.RetryableException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.TrustAllStrategy;
import org.apache.http.ssl.SSLContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * insecureSkipTlsVerify against WireMock's own self-signed certificate, reached by 127.0.0.1, a name
 * the certificate does not carry: a verifying client refuses both the chain and the host name.
 */
class InsecureTlsTest {
  interface Api {
    @RequestLine("GET /things")
    List<Map<String, Object>> list();
  }

  WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"));
    wm.start();
    wm.stubFor(get("/things").willReturn(okJson("[{\"id\":1}]")));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  Api api(boolean insecureSkipTlsVerify) {
    return api(insecureSkipTlsVerify, 1, new RequestStats());
  }

  Api api(boolean insecureSkipTlsVerify, int attempts, RequestStats stats) {
    HttpSettings settings = HttpSettings.defaults().withMaxAttempts(attempts, Duration.ofMillis(100))
        .withProxy(null, insecureSkipTlsVerify);
    return new HttpClients(settings, false, stats, s -> {})
        .build(Api.class, "https://127.0.0.1:" + wm.httpsPort(), HttpBehaviourTest.ERRORS);
  }

  @Test
  void anUntrustedCertificateIsNotTriedAgain() {
    RequestStats stats = new RequestStats();

    PlatformException e = assertThrows(PlatformException.class, () -> api(false, 4, stats).list());

    assertTrue(e.describe().contains("TLS certificate is not trusted"), e.describe());
    assertEquals(0, stats.retries(), "a GET may be repeated, but a certificate will not become trusted");
  }

  @Test
  void withInsecureSkipTlsVerifyASelfSignedCertificateForAnotherHostIsAccepted() throws Exception {
    // the certificate really does not name 127.0.0.1, so host-name verification is exercised too
    try (SSLSocket socket = (SSLSocket) SSLContexts.custom().loadTrustMaterial(TrustAllStrategy.INSTANCE).build()
        .getSocketFactory().createSocket("127.0.0.1", wm.httpsPort())) {
      X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      assertThrows(SSLException.class, () -> new DefaultHostnameVerifier().verify("127.0.0.1", certificate));
    }

    assertEquals(List.of(Map.of("id", 1)), api(true).list());
    wm.verify(1, getRequestedFor(urlEqualTo("/things")));
  }

  @Test
  void withoutItTheUntrustedCertificateIsRefusedAndNamedWithAHint() {
    PlatformException e = assertThrows(PlatformException.class, () -> api(false).list());

    assertTrue(e.describe().startsWith("GET /things: the platform's TLS certificate is not trusted: "), e.describe());
    assertTrue(e.describe().contains("add that CA to Java's trust store"), e.describe());
    assertTrue(e.describe().contains("for a lab install only, set insecureSkipTlsVerify: true"), e.describe());
    assertEquals(PlatformException.Kind.REFUSED, e.kind(), "the handshake failed: the request was never sent, no answer was lost");
    wm.verify(0, getRequestedFor(urlEqualTo("/things")));
  }

  @Test
  void aTrustedCertificateForAnotherHostIsNamedAsNotTrustedToo() {
    // what Apache HttpClient throws when a trusted chain does not name the host connected to
    Request request = Request.create(Request.HttpMethod.GET, "https://127.0.0.1/things", Map.of(), null, null, null);
    SSLPeerUnverifiedException mismatch =
        new SSLPeerUnverifiedException("Certificate for <127.0.0.1> doesn't match any of the subject alternative names: []");

    PlatformException e = FeignFailures.translate(
        new RetryableException(-1, mismatch.getMessage(), Request.HttpMethod.GET, mismatch, (Long) null, request));

    assertTrue(e.describe().startsWith("GET /things: the platform's TLS certificate is not trusted: Certificate for <127.0.0.1>"),
        e.describe());
    assertTrue(e.describe().contains("insecureSkipTlsVerify"), e.describe());
    assertEquals(PlatformException.Kind.REFUSED, e.kind());
  }
}
