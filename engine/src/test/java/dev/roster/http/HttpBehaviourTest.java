package dev.roster.http;
import dev.roster.spi.ReadOnlyRequest;
import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.roster.Errors;
import dev.roster.spi.PlatformException;
import feign.Headers;
import feign.RequestLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every provider's requests go through: the write guard, retries, and error decoding. */
class HttpBehaviourTest {
  interface Api {
    @RequestLine("GET /things")
    List<Map<String, Object>> list();

    @RequestLine("POST /things")
    Map<String, Object> create(Map<String, Object> body);

    @ReadOnlyRequest
    @RequestLine("POST /things/search")
    List<Map<String, Object>> search(Map<String, Object> body);
  }

  static final ErrorMessages ERRORS = (status, body) -> body.contains("\"error\"")
      ? Json.MAPPER.readTree(body).path("error").asString() : null;

  WireMockServer wm;
  RequestStats stats;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    stats = new RequestStats();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  Api api(boolean readOnly) {
    return api(readOnly, Duration.ofMillis(800));
  }

  Api api(boolean readOnly, Duration readTimeout) {
    HttpSettings settings = HttpSettings.defaults().withMaxAttempts(4, Duration.ofSeconds(5))
        .withTimeouts(Duration.ofSeconds(2), readTimeout);
    return new HttpClients(settings, readOnly, stats, s -> {}).build(Api.class, wm.baseUrl(), ERRORS);
  }

  @Test
  void planModeRefusesWritesBeforeSendingButAllowsMarkedReads() {
    wm.stubFor(post("/things/search").willReturn(okJson("[]")));
    Api api = api(true);
    assertThrows(WriteRefusedException.class, () -> api.create(Map.of("a", 1)));
    assertEquals(List.of(), api.search(Map.of()));
    wm.verify(0, postRequestedFor(urlEqualTo("/things")));
  }

  @Test
  void retriesA429AfterItsRetryAfterAndA503WithBackoff() {
    wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("slow down")).willSetStateTo("b"));
    wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs("b")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("c"));
    wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs("c").willReturn(okJson("[{\"id\":1}]")));
    long start = System.nanoTime();
    assertEquals(1, api(false).list().size());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 950, "waited for Retry-After: " + ms + " ms");
    wm.verify(3, getRequestedFor(urlEqualTo("/things")));
    assertEquals(2, stats.retries());
  }

  @Test
  void aCreateCutOffMidwayIsNotSentTwice() {
    wm.stubFor(post("/things").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThrows(RuntimeException.class, () -> api(false).create(Map.of("a", 1)));
    wm.verify(1, postRequestedFor(urlEqualTo("/things")));
  }

  @Test
  void aReadCutOffMidwayIsRetried() {
    wm.stubFor(get("/things").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
    wm.stubFor(get("/things").inScenario("r").whenScenarioStateIs("ok").willReturn(okJson("[]")));
    assertEquals(List.of(), api(false).list());
    wm.verify(2, getRequestedFor(urlEqualTo("/things")));
    assertEquals(1, stats.retries(), "retried by Roster's own retryer (counted), not inside the HTTP client");
  }

  @Test
  void aCreateWhoseConnectionNeverOpenedIsSentAgainAndTheTimeoutIsNamed() throws Exception {
    // a server that never accepts, its queue full: a new connection is never opened (Linux drops the SYN)
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> queued = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          java.net.Socket s = new java.net.Socket();
          queued.add(s);
          s.connect(full.getLocalSocketAddress(), 200);
        }
      } catch (java.net.SocketTimeoutException queueFull) {
        // from here on, no connection opens
      }
      try {
        HttpSettings settings = HttpSettings.defaults().withMaxAttempts(2, Duration.ofMillis(100))
            .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2));
        Api api = new HttpClients(settings, false, stats, s -> {}).build(Api.class,
            "http://127.0.0.1:" + full.getLocalPort(), ERRORS);

        RuntimeException e = assertThrows(RuntimeException.class, () -> api.create(Map.of("a", 1)));

        assertEquals(1, stats.retries(), "never sent, so safe to send again");
        assertTrue(Errors.describe(e).contains("timed out connecting"), Errors.describe(e));
      } finally {
        for (java.net.Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void aRedirectIsNotFollowedAndTheClientAddsNoHeadersOfItsOwn() {
    wm.stubFor(get("/things").willReturn(aResponse().withStatus(302).withHeader("Location", wm.baseUrl() + "/elsewhere")
        .withHeader("Set-Cookie", "session=1")));
    wm.stubFor(get("/elsewhere").willReturn(okJson("[]")));
    Api api = api(false);
    assertThrows(RuntimeException.class, api::list);
    assertThrows(RuntimeException.class, api::list);
    wm.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    wm.verify(2, getRequestedFor(urlEqualTo("/things")).withoutHeader("Cookie").withoutHeader("Accept-Encoding")
        .withoutHeader("Content-Length").withoutHeader("Transfer-Encoding"));
  }

  @Test
  void errorBodiesBecomeThePlatformsWords() {
    wm.stubFor(post("/things").willReturn(aResponse().withStatus(422).withBody("{\"error\":\"name is taken\"}")));
    PlatformException e = assertThrows(PlatformException.class, () -> api(false).create(Map.of()));
    assertEquals("POST /things: HTTP 422: name is taken", e.describe());

    wm.stubFor(get("/things").willReturn(aResponse().withStatus(404).withBody("<html><body>nginx</body></html>")));
    e = assertThrows(PlatformException.class, () -> api(false).list());
    assertEquals("GET /things: HTTP 404: the server answered with an HTML page instead of JSON", e.describe());
  }

  @Test
  void anEmptyErrorBodyAndAHugeOneStayShort() {
    wm.stubFor(post("/things").willReturn(aResponse().withStatus(400)));
    PlatformException e = assertThrows(PlatformException.class, () -> api(false).create(Map.of()));
    assertEquals("POST /things: HTTP 400: (empty response body)", e.describe());

    wm.stubFor(post("/things").willReturn(aResponse().withStatus(400).withBody("x".repeat(5_000_000))));
    // a generous read timeout: this is about the size of the message, not the speed of the machine
    e = assertThrows(PlatformException.class, () -> api(false, Duration.ofSeconds(30)).create(Map.of()));
    assertTrue(e.describe().length() < 400, "a 5 MB body is cut to a line: " + e.describe().length());
  }

  @Test
  void malformedOrTrickledAnswersAreClearErrorsNotHangs() {
    wm.stubFor(get("/things").willReturn(aResponse().withStatus(200).withBody("{not json")));
    RuntimeException e = assertThrows(RuntimeException.class, () -> api(false).list());
    assertTrue(Errors.describe(e).contains("the answer is not JSON Roster can read"), Errors.describe(e));

    // an answer trickled slower than the read timeout allows ends in a timeout, not a hang
    wm.stubFor(get("/things").willReturn(okJson("[]").withChunkedDribbleDelay(5, 3000)));
    e = assertThrows(PlatformException.class, () -> api(false).list());
    assertTrue(Errors.describe(e).contains("timed out"), Errors.describe(e));
  }

  @Test
  void bodiesAreDecodedInTheirCharsetAndEmptyOnesAreNothing() {
    // UTF-8 from the bytes, whatever is past the ASCII range
    wm.stubFor(get("/things").willReturn(okJson("[{\"name\":\"Zoë 🙂 Łukasz\"}]")));
    assertEquals(List.of(Map.of("name", "Zoë 🙂 Łukasz")), api(false).list());

    // a platform that says another charset is read in it
    wm.stubFor(get("/things").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=ISO-8859-1")
        .withBody("[{\"name\":\"Zoë\"}]".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    assertEquals(List.of(Map.of("name", "Zoë")), api(false).list());

    wm.stubFor(post("/things").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));
    assertEquals(null, api(false).create(Map.of("a", 1)), "an empty body is nothing, not an error");
    wm.stubFor(post("/things").willReturn(aResponse().withStatus(204)));
    assertEquals(Map.of(), api(false).create(Map.of("a", 1)), "no content: the type's empty value");
  }

  @Test
  void aReadThatTimesOutIsTriedOnceMoreNotUntilEveryAttemptIsUsed() {
    wm.stubFor(get("/things").willReturn(okJson("[]").withFixedDelay(2_000)));
    HttpSettings settings = HttpSettings.defaults().withMaxAttempts(4, Duration.ofMillis(100))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200));
    Api api = new HttpClients(settings, false, stats, s -> {}).build(Api.class, wm.baseUrl(), ERRORS);

    PlatformException e = assertThrows(PlatformException.class, api::list);

    assertTrue(e.describe().contains("timed out"), e.describe());
    wm.verify(2, getRequestedFor(urlEqualTo("/things")));
  }
}
