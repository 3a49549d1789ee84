package dev.roster.providers.keitaro;

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
import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestStats;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keitaro under faults: resets, 5xx, 429 with Retry-After, a slow answer. */
class KeitaroFaultTest {
  WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  Provider provider() {
    var settings = HttpSettings.defaults().withMaxAttempts(3, Duration.ofSeconds(3))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));
    var http = new HttpClients(settings, false, new RequestStats(), s -> {});
    return new KeitaroFactory().create(new InstanceConfig("t", "keitaro",
        Map.of("url", wm.baseUrl(), "apiKey", new Secret("${env:K}", "k"))), new ProviderContext(http, 2));
  }

  void then(String state, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
    wm.stubFor(get("/admin_api/v1/users").inScenario("f").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(first).willSetStateTo(state));
    wm.stubFor(get("/admin_api/v1/users").inScenario("f").whenScenarioStateIs(state)
        .willReturn(okJson("[{\"id\":1,\"login\":\"a\",\"type\":\"USER\"}]")));
  }

  @Test
  void aResetListIsReadAgain() {
    then("ok", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertEquals(1, provider().list(Declared.none()).size());
    wm.verify(2, getRequestedFor(urlEqualTo("/admin_api/v1/users")));
  }

  @Test
  void a503IsRetried() {
    then("ok", aResponse().withStatus(503).withBody("{\"error\":\"maintenance\"}"));
    assertEquals(1, provider().list(Declared.none()).size());
    wm.verify(2, getRequestedFor(urlEqualTo("/admin_api/v1/users")));
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterUnlessThatIsLongerThanMaxBackoff() {
    then("ok", aResponse().withStatus(429).withHeader("Retry-After", "1"));
    assertEquals(1, provider().list(Declared.none()).size());
    wm.verify(2, getRequestedFor(urlEqualTo("/admin_api/v1/users")));
    // when the server saw each ask: the second came after the 1 s Retry-After asked for, not after a backoff
    List<Long> asked = wm.findAll(getRequestedFor(urlEqualTo("/admin_api/v1/users"))).stream()
        .map(r -> r.getLoggedDate().getTime()).sorted().toList();
    assertTrue(asked.get(1) - asked.get(0) >= 950, "asked again " + (asked.get(1) - asked.get(0)) + " ms after the 429");

    // the same answer asking for a minute, beyond the 3 s maxBackoff: not asked again, where a 429
    // without Retry-After would be retried after a backoff and then succeed
    wm.resetAll();
    then("ok", aResponse().withStatus(429).withHeader("Retry-After", "60"));
    PlatformException e = assertThrows(PlatformException.class, () -> provider().list(Declared.none()));
    assertEquals(429, e.status());
    wm.verify(1, getRequestedFor(urlEqualTo("/admin_api/v1/users")));
  }

  @Test
  void aCreateCutOffIsNotRepeatedBlindly() {
    wm.stubFor(post("/admin_api/v1/users").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    Change create = new Change("t", "keitaro", "a", "a", Action.CREATE, List.of(), Map.of("login", "a"), null, null, null);
    assertThrows(RuntimeException.class, () -> provider().apply(create));
    wm.verify(1, postRequestedFor(urlEqualTo("/admin_api/v1/users")));
  }

  @Test
  void aSlowAnswerTimesOutWithAClearMessage() {
    wm.stubFor(get("/admin_api/v1/users").willReturn(okJson("[]").withFixedDelay(3000)));
    RuntimeException e = assertThrows(RuntimeException.class, () -> provider().list(Declared.none()));
    assertTrue(Errors.describe(e).contains("timed out"), Errors.describe(e));
  }

  @Test
  void aServerErrorThatPersistsIsReportedWithItsWords() {
    wm.stubFor(get("/admin_api/v1/users").willReturn(aResponse().withStatus(502).withBody("{\"error\":\"bad gateway\"}")));
    RuntimeException e = assertThrows(RuntimeException.class, () -> provider().list(Declared.none()));
    assertTrue(Errors.describe(e).contains("HTTP 502: bad gateway"), Errors.describe(e));
    wm.verify(3, getRequestedFor(urlEqualTo("/admin_api/v1/users")));
  }
}
