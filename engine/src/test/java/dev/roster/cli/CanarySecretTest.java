package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roster.sandbox.SandboxServer;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary secret (the platform token and a password) must never appear in anything Roster prints
 * or writes: every command, every format, saved plans, reports, verbose logs and error paths.
 */
class CanarySecretTest {
  static final String CANARY_TOKEN = "CANARY-token-7f3a9c";
  static final String CANARY_PASSWORD = "CANARY-password-51de";

  @TempDir Path dir;

  @Test
  void noOutputOrFileEverHoldsASecret() throws Exception {
    FakeFactory.SANDBOX.reset();
    FakeFactory.SANDBOX.seedDemo();
    FakeFactory.SANDBOX.useToken(CANARY_TOKEN);
    try (SandboxServer server = new SandboxServer(0, 0, List.of(FakeFactory.SANDBOX))) {
      Map<String, String> env = Map.of("FAKE_URL", server.url("fake"), "FAKE_TOKEN", CANARY_TOKEN, "PW", CANARY_PASSWORD);
      Files.writeString(dir.resolve("roster.yaml"), """
          version: 1
          providers:
            app: { type: fake, url: "${env:FAKE_URL}", token: "${env:FAKE_TOKEN}", prune: true }
          users:
            alice: { accounts: { app: { role: admin } } }
            bob: { accounts: { app: { password: "${env:PW}" } } }
          """);
      Files.writeString(dir.resolve("short.yaml"), """
          version: 1
          providers:
            app: { type: fake, url: "${env:FAKE_URL}", token: "${env:FAKE_TOKEN}" }
          users:
            bob: { accounts: { app: { password: "${env:FAKE_TOKEN}", role: "${env:FAKE_TOKEN}" } } }
          """);
      List<CliRun> runs = new ArrayList<>();
      runs.add(CliRun.run(dir, env, "validate"));
      runs.add(CliRun.run(dir, env, "validate", "-f", "short.yaml"));
      runs.add(CliRun.run(dir, env, "plan", "--verbose"));
      runs.add(CliRun.run(dir, env, "plan", "--format", "json", "--out", "plan.json"));
      runs.add(CliRun.run(dir, env, "plan", "--format", "markdown"));
      runs.add(CliRun.run(dir, env, "plan", "--group-by", "instance", "--redact-pii"));
      runs.add(CliRun.run(dir, env, "import", "app", "--verbose"));
      runs.add(CliRun.run(dir, env, "apply", "plan.json", "--report", "report1.json", "--verbose"));
      runs.add(CliRun.run(dir, env, "apply", "--auto-approve", "--report", "report2.json"));
      runs.add(CliRun.run(dir, env, "plan", "-f", "short.yaml"));
      Map<String, String> wrong = new HashMap<>(env);
      wrong.put("FAKE_URL", "http://127.0.0.1:1/" + CANARY_TOKEN);
      runs.add(CliRun.run(dir, wrong, "plan", "--verbose"));
      assertEquals(0, runs.get(7).exitCode(), runs.get(7).toString());
      for (CliRun run : runs) {
        assertFalse(run.all().contains(CANARY_TOKEN) || run.all().contains(CANARY_PASSWORD), "secret printed:\n" + run);
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          String text = Files.readString(f);
          if (!f.getFileName().toString().endsWith(".yaml")) {
            assertFalse(text.contains(CANARY_TOKEN) || text.contains(CANARY_PASSWORD), "secret written to " + f + ":\n" + text);
          }
        }
      }
    }
  }
}
