package dev.roster.providers.chatwoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.konverte;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.providers;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.serve;

import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An agent invited without a platformToken has not accepted yet: the next plans say its invitation is
 * pending, count it, and invite nobody again.
 */
class ChatwootPendingInvitationEndToEndTest {
  @TempDir Path dir;

  @Test
  void anInvitedAgentIsPendingAndNotInvitedAgain() throws Exception {
    ChatwootSandbox sandbox = new ChatwootSandbox();
    try (ServedSandbox served = serve(sandbox)) {
      Map<String, String> env = served.env();
      Files.writeString(dir.resolve("roster.yaml"), providers(konverte()) + """
          users:
            bob:
              email: bob@example.com
              name: Bob Stone
              accounts:
                konverte: {}
          """);
      CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      assertEquals(List.of("bob@example.com"), sandbox.invitations());

      CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
      assertEquals(0, plan.exitCode(), "a pending invitation is no change\n" + plan);
      assertTrue(plan.out().contains("konverte: invitation pending (not sent again): bob@example.com"), plan.out());
      assertTrue(plan.out().contains("konverte (chatwoot): 0 to create, 0 to update, 0 to delete, 1 unchanged,"
          + " 1 invitation pending"), plan.out());
      assertTrue(plan.out().contains("No changes."), plan.out());

      CliRun json = CliRun.run(dir, env, "plan", "--format", "json");
      assertEquals(0, json.exitCode(), json.toString());
      JsonNode instance = Json.MAPPER.readTree(json.out()).path("instances").get(0);
      assertEquals(List.of("bob@example.com"), Json.MAPPER.convertValue(instance.path("pending"), List.class),
          json.out());

      CliRun applyAgain = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, applyAgain.exitCode(), applyAgain.toString());
      assertEquals(List.of("bob@example.com"), sandbox.invitations(), "invited once");
    }
  }
}
