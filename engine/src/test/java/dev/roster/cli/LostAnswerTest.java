package dev.roster.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create whose connection broke before its answer came: it may have landed. Apply looks at the
 * platform's list before sending it again, and that look is one more request of the instance, under
 * its rate limit like every other.
 */
class LostAnswerTest {
  private static final String ALICE = "[{\"id\": 7, \"login\": \"alice\", \"email\": \"alice@example.com\"}]";

  @TempDir Path dir;
  WireMockServer wm;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    env = Map.of("FAKE_URL", wm.baseUrl(), "FAKE_TOKEN", "t0ken");
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          app:
            type: fake
            url: ${env:FAKE_URL}
            token: ${env:FAKE_TOKEN}
            requestsPerSecond: 1
        users:
          alice:
            email: alice@example.com
            accounts:
              app: {}
        """);
    // the plan's read finds nothing; the create's connection breaks after it was sent
    wm.stubFor(get("/accounts").inScenario("create").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[]")));
    wm.stubFor(post("/accounts").inScenario("create").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("sent once"));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  @Test
  void aCreateThatLandedIsCountedAsAppliedAndNotSentAgain() throws Exception {
    wm.stubFor(get("/accounts").inScenario("create").whenScenarioStateIs("sent once").willReturn(okJson(ALICE)));

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve", "--report", "report.json");

    assertEquals(0, apply.exitCode(), apply.toString());
    assertTrue(apply.out().contains("done    app: + alice: the answer was lost, but the account exists"), apply.out());
    assertTrue(Files.readString(dir.resolve("report.json")).contains("\"outcome\" : \"applied\""));
    wm.verify(1, postRequestedFor(urlEqualTo("/accounts")));
    wm.verify(2, getRequestedFor(urlEqualTo("/accounts")));
    // the look waits its turn: 1 request a second, and the create had just taken the second's
    List<ServeEvent> served = wm.getAllServeEvents().stream()
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    long create = served.get(1).getRequest().getLoggedDate().getTime();
    long look = served.get(2).getRequest().getLoggedDate().getTime();
    assertEquals("POST", served.get(1).getRequest().getMethod().getName());
    assertTrue(look - create >= 900, "the look came " + (look - create) + " ms after the create, above 1 request/s");
  }

  @Test
  void aCreateThatDidNotLandIsSentAgain() {
    wm.stubFor(get("/accounts").inScenario("create").whenScenarioStateIs("sent once").willReturn(okJson("[]")));
    wm.stubFor(post("/accounts").inScenario("create").whenScenarioStateIs("sent once")
        .willReturn(okJson("{\"id\": 7}")));

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");

    assertEquals(0, apply.exitCode(), apply.toString());
    assertTrue(apply.out().contains("done    app: + alice\n"), apply.out());
    wm.verify(2, postRequestedFor(urlEqualTo("/accounts")));
    wm.verify(2, getRequestedFor(urlEqualTo("/accounts")));
  }
}
