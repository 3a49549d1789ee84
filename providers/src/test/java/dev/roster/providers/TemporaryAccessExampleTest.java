package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.SandboxApi;
import dev.roster.testing.CliRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dated example works as copied: it is valid, and planned against the demo's platforms it renames
 * alice on each of them instead of replacing her accounts, and suspends instead of deleting.
 */
class TemporaryAccessExampleTest {
  static final Path EXAMPLE = Path.of("..", "examples", "temporary-access").toAbsolutePath().normalize();

  SandboxServer server;
  Map<String, String> env = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    List<SandboxApi> apis = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
        .map(ProviderFactory::sandbox).flatMap(Optional::stream).toList();
    apis.forEach(a -> {
      a.reset();
      a.seedDemo();
    });
    server = new SandboxServer(0, 0, apis);
    env.put("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
    apis.forEach(a -> env.putAll(a.environment()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theExampleIsValidAndRenamesAliceInPlace() {
    CliRun validate = CliRun.run(EXAMPLE, env, "validate", "-f", EXAMPLE.toString());
    assertEquals(0, validate.exitCode(), validate.toString());

    CliRun plan = CliRun.run(EXAMPLE, env, "plan", "-f", EXAMPLE.toString());
    assertEquals(0, plan.exitCode(), plan.toString());
    for (String instance : List.of("support", "phishing")) {
      assertTrue(plan.out().contains("rename alice@example.com -> alice.liddell@example.com (alice) on " + instance),
          plan.out());
    }
    // phishing prunes by suspending: carol, whom no file declares, keeps her user and its history
    assertTrue(plan.out().contains("suspend carol@example.com on phishing (prune: no file declares this account;"
        + " offboard: suspend)"), plan.out());
    assertTrue(plan.out().contains("1 to suspend, 0 to delete"), plan.out());
  }
}
