package dev.roster.providers.chatwoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.konverte;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.providers;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.serve;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.support;

import dev.roster.sandbox.SandboxServer;
import dev.roster.testing.CliRun;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the CLI, against the sandbox seeded with drift: a Chatwoot instance (with a Platform App
 * token) and a Konverte Digital instance (same API, its own account and token, no platform token).
 * plan -> apply -> plan shows no changes; plan sends only reads; no password is ever printed.
 */
class ChatwootEndToEndTest {
  static final String DAVE_PW = "Dave-pw-9876!";

  @TempDir Path dir;

  @Test
  void planApplyPlanConverges() throws Exception {
    ChatwootSandbox sandbox = new ChatwootSandbox();
    sandbox.seedDemo();
    sandbox.setCustomAttributes("alice@example.com", Map.of("desk", 4));
    try (ServedSandbox served = serve(sandbox)) {
      SandboxServer server = served.server();
      Map<String, String> env = served.with("DAVE_PW", DAVE_PW).env();
      Files.writeString(dir.resolve("roster.yaml"), providers(
          support("prune: true", "protect: [support-admin@example.com]"),
          konverte("prune: true", "protect: [konverte-admin@example.com]")) + """
          users:
            alice:
              email: alice@example.com
              name: Alice Liddell
              accounts:
                support: { role: administrator, availability: busy, customAttributes: { team: billing } }
                konverte: { role: administrator, autoOffline: true }
            bob:
              email: bob@example.com
              name: Bob Stone
              accounts:
                konverte: { availability: online }
            dave:
              email: Dave@Example.com
              name: Dave Grohl
              accounts:
                support: { password: "${env:DAVE_PW}", displayName: Dave G., customAttributes: { team: ops } }
          """);
      CliRun validate = CliRun.run(dir, env, "validate");
      assertEquals(0, validate.exitCode(), validate.toString());

      CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
      assertEquals(2, plan.exitCode(), plan.toString());
      String out = plan.out();
      assertTrue(out.contains("~ support: alice@example.com"), out);
      assertTrue(out.contains("\"agent\" -> \"administrator\""), out);
      assertTrue(out.contains("\"online\" -> \"busy\""), out);
      assertTrue(out.contains("Chatwoot cannot remove custom attribute keys: desk is set to null"), out);
      assertTrue(out.contains("+ support: Dave@Example.com"), out);
      assertTrue(out.contains("+ konverte: bob@example.com"), out);
      assertTrue(out.contains("invitation"), out);
      assertTrue(out.contains("- support: carol@example.com"), out);
      assertTrue(out.contains("- konverte: carol@example.com"), out);
      assertTrue(out.contains("skipped support-admin@example.com: protected"), out);
      assertFalse(plan.all().contains(DAVE_PW), "a password is never printed");
      assertTrue(server.requests().stream().allMatch(r -> r.startsWith("GET ")), server.requests().toString());

      CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      assertFalse(apply.all().contains(DAVE_PW));

      CliRun.assertNoChanges(dir, env);

      assertEquals(DAVE_PW, sandbox.password("dave@example.com"));
      assertEquals(List.of("bob@example.com"), sandbox.invitations(), "only Konverte's new agent was invited");
      assertNull(sandbox.user("carol@example.com"), "pruned from both accounts: the user is gone");
      assertEquals(2, sandbox.agents(ChatwootSandbox.KONVERTE_ACCOUNT).stream()
          .filter(a -> a.get("role").equals("administrator")).count());

      CliRun imported = CliRun.run(dir, env, "import", "konverte");
      assertEquals(0, imported.exitCode(), imported.toString());
      assertTrue(imported.out().contains("konverte-admin@example.com"), "no file declares it\n" + imported.out());
      assertFalse(imported.out().contains("bob@example.com"), "the files declare bob: left out\n" + imported.out());
      assertFalse(imported.out().contains("password"), imported.out());
    }
  }
}
