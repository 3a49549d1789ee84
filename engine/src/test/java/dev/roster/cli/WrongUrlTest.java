package dev.roster.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A url that leads to a web page or a 404 is reported as a wrong url, with its place in the files. */
class WrongUrlTest {
  @TempDir Path dir;
  WireMockServer wm;

  @BeforeEach
  void start() throws Exception {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          app:
            type: fake
            url: %s/app
            token: ${env:FAKE_TOKEN}
        users:
          alice: { accounts: { app: {} } }
        """.formatted(wm.baseUrl()));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  @Test
  void aWebPageOrA404WhereTheListShouldBeSaysToCheckTheUrl() {
    wm.stubFor(get("/app/accounts").willReturn(aResponse().withStatus(404).withBody("<html><body>Not Found</body></html>")));

    CliRun plan = CliRun.run(dir, Map.of("FAKE_TOKEN", "t0ken"), "plan");

    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("check the url of 'app' (" + wm.baseUrl() + "/app, roster.yaml:3): what answered there "
        + "is not the platform's API"), plan.err());

    wm.stubFor(get("/app/accounts").willReturn(aResponse().withStatus(200).withBody("<!doctype html><p>Sign in</p>")));
    CliRun signIn = CliRun.run(dir, Map.of("FAKE_TOKEN", "t0ken"), "plan");
    assertEquals(1, signIn.exitCode(), signIn.toString());
    assertTrue(signIn.err().contains("check the url of 'app'"), signIn.err());
  }
}
