package dev.roster.providers.keitaro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.sandbox.SandboxServer;
import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sandbox seeded with drift -> plan (prune on) -> apply -> plan shows no changes. */
class KeitaroEndToEndTest {
  @TempDir Path dir;

  @Test
  void planApplyPlanConverges() throws Exception {
    KeitaroSandbox sandbox = new KeitaroSandbox();
    sandbox.add("alice", "USER");
    sandbox.add("carol", "USER");
    sandbox.add("root", "ADMIN");
    sandbox.add("gone", "USER").put("state", "deleted");
    try (SandboxServer server = new SandboxServer(0, 0, List.of(sandbox))) {
      Map<String, String> env = Map.of("URL", server.url("keitaro"), "KEY", KeitaroSandbox.API_KEY, "BOB_PW", "Bob-pw-1234");
      Files.writeString(dir.resolve("roster.yaml"), """
          version: 1
          providers:
            tracker: { type: keitaro, url: "${env:URL}", apiKey: "${env:KEY}", prune: true, protect: [root] }
          users:
            alice: { accounts: { tracker: { type: ADMIN, access: { offers: read_only } } } }
            bob: { accounts: { tracker: { password: "${env:BOB_PW}", preferences: { language: ru } } } }
            gone: { accounts: { tracker: {} } }
          """);
      CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
      assertEquals(2, plan.exitCode(), plan.toString());
      assertTrue(plan.out().contains("~ tracker: alice"), plan.out());
      assertTrue(plan.out().contains("type:          \"USER\" -> \"ADMIN\""), plan.out());
      assertTrue(plan.out().contains("access.offers: \"full_access\" -> \"read_only\""), plan.out());
      assertTrue(plan.out().contains("+ tracker: bob"), plan.out());
      assertTrue(plan.out().contains("+ tracker: gone"), "a deleted user is not live\n" + plan.out());
      assertTrue(plan.out().contains("- tracker: carol"), plan.out());
      assertTrue(plan.out().contains("tracker: skipped root"), plan.out());
      assertTrue(server.requests().stream().allMatch(r -> r.startsWith("GET ")), server.requests().toString());

      CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      CliRun again = CliRun.run(dir, env, "plan", "--detailed-exitcode");
      assertEquals(0, again.exitCode(), again.toString());
      assertTrue(again.out().contains("No changes."), again.out());
      var bob = sandbox.users().stream().filter(u -> u.get("login").equals("bob")).findFirst().orElseThrow();
      assertEquals("ru", ((Map<?, ?>) bob.get("preferences")).get("language"));
    }
  }
}
