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
      CliRun.assertNoChanges(dir, env);
      var bob = sandbox.users().stream().filter(u -> u.get("login").equals("bob")).findFirst().orElseThrow();
      assertEquals("ru", ((Map<?, ?>) bob.get("preferences")).get("language"));
    }
  }

  /**
   * alice's account names its former login; bob became robert, whose login defaults from the handle,
   * so the person's previously names it. Both users keep their ids: a PUT with the new login, no
   * create, no delete (prune on).
   */
  @Test
  void aRenameIsAPutOfTheNewLoginAndKeepsTheUsersId() throws Exception {
    KeitaroSandbox sandbox = new KeitaroSandbox();
    long alice = ((Number) sandbox.add("alice", "USER").get("id")).longValue();
    long bob = ((Number) sandbox.add("bob", "USER").get("id")).longValue();
    try (SandboxServer server = new SandboxServer(0, 0, List.of(sandbox))) {
      Map<String, String> env = Map.of("URL", server.url("keitaro"), "KEY", KeitaroSandbox.API_KEY);
      Files.writeString(dir.resolve("roster.yaml"), """
          version: 1
          providers:
            tracker: { type: keitaro, url: "${env:URL}", apiKey: "${env:KEY}", prune: true }
          users:
            alice: { accounts: { tracker: { login: alice.liddell, previously: [alice] } } }
            robert: { previously: [bob], accounts: { tracker: {} } }
          """);
      CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
      assertEquals(2, plan.exitCode(), plan.toString());
      assertTrue(plan.out().contains("Plan: 0 to create, 2 to update, 0 to delete"), plan.out());
      assertTrue(plan.out().contains("~ tracker: alice.liddell (renamed from alice)"), plan.out());
      assertTrue(plan.out().contains("~ tracker: robert (renamed from bob)"), plan.out());
      assertTrue(plan.out().contains("login: \"bob\" -> \"robert\""), plan.out());

      server.clearLog();
      CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      assertEquals(List.of("PUT /keitaro/admin_api/v1/users/" + alice, "PUT /keitaro/admin_api/v1/users/" + bob),
          server.requests().stream().filter(r -> !r.startsWith("GET ")).sorted().toList());
      Map<Object, Object> loginById = new java.util.HashMap<>();
      sandbox.users().forEach(u -> loginById.put(((Number) u.get("id")).longValue(), u.get("login")));
      assertEquals(Map.of(alice, "alice.liddell", bob, "robert"), loginById);

      CliRun.assertNoChanges(dir, env);
    }
  }

  /** Keitaro cannot suspend a user: both ways of asking for it are refused before any request, with file:line. */
  @Test
  void ensureSuspendedAndOffboardSuspendAreRefusedWithTheirPlace() throws Exception {
    KeitaroSandbox sandbox = new KeitaroSandbox();
    sandbox.add("alice", "USER");
    try (SandboxServer server = new SandboxServer(0, 0, List.of(sandbox))) {
      Map<String, String> env = Map.of("URL", server.url("keitaro"), "KEY", KeitaroSandbox.API_KEY);
      Files.writeString(dir.resolve("roster.yaml"), """
          version: 1
          providers:
            tracker:
              type: keitaro
              url: "${env:URL}"
              apiKey: "${env:KEY}"
              offboard: suspend
          users:
            alice:
              accounts:
                tracker: { ensure: suspended }
          """);
      for (String command : List.of("validate", "plan")) {
        CliRun run = CliRun.run(dir, env, command);
        assertEquals(1, run.exitCode(), run.toString());
        // the instance's offboard line, and the account's line
        assertTrue(run.err().contains("roster.yaml:7:15: offboard: suspend: keitaro accounts cannot be suspended"), run.all());
        assertTrue(run.err().contains("roster.yaml:11:7: ensure: suspended: keitaro accounts cannot be suspended"), run.all());
      }
      assertEquals(List.of(), server.requests(), "refused before any request");
    }
  }
}
