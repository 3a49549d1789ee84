package dev.roster.providers.chatwoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.konverte;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.providers;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.serve;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.support;

import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A person's e-mail changes, with {@code previously: [old]}: through the CLI against the sandbox, the
 * agent keeps its id and takes the new e-mail through the Platform API; without a platformToken the
 * files are refused where {@code previously} is written.
 */
class ChatwootRenameEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRenamedPersonKeepsTheSameAgentWithTheNewEmail() throws Exception {
    ChatwootSandbox sandbox = new ChatwootSandbox();
    sandbox.seedDemo();
    Object aliceId = agent(sandbox, "alice@example.com").get("id");
    try (ServedSandbox served = serve(sandbox)) {
      Map<String, String> env = served.env();
      Files.writeString(dir.resolve("roster.yaml"), providers(support("prune: true", "protect: [support-admin@example.com]"))
          + """
          users:
            alice:
              email: alice.liddell@example.com
              name: Alice Liddell
              previously: [alice@example.com]
              accounts:
                support: {}
            carol:
              email: carol@example.com
              name: Carol Danvers
              accounts:
                support: {}
          """);
      CliRun plan = CliRun.run(dir, env, "plan", "--format", "json");
      assertEquals(0, plan.exitCode(), plan.toString());
      JsonNode json = Json.MAPPER.readTree(plan.out());
      assertEquals(0, json.path("summary").path("create").asInt(), plan.out());
      assertEquals(1, json.path("summary").path("update").asInt(), plan.out());
      assertEquals(0, json.path("summary").path("delete").asInt(), plan.out());
      JsonNode rename = json.path("changes").get(0);
      assertEquals(String.valueOf(aliceId), rename.path("liveId").asString(), plan.out());
      assertEquals("alice@example.com", rename.path("renamedFrom").asString(), plan.out());
      assertEquals("email", rename.path("fields").get(0).path("name").asString(), plan.out());
      assertEquals("alice.liddell@example.com", rename.path("fields").get(0).path("after").asString(), plan.out());

      CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      Map<String, Object> renamed = agent(sandbox, "alice.liddell@example.com");
      assertEquals(aliceId, renamed.get("id"), "the same agent, renamed in place");
      assertNull(agent(sandbox, "alice@example.com"), "the old e-mail is gone from the agents list");
      assertEquals("alice.liddell@example.com", agent(sandbox, ChatwootSandbox.KONVERTE_ACCOUNT,
          "alice.liddell@example.com").get("email"), "the e-mail is the user's: Konverte's account shows it too");
      assertEquals(List.of(), sandbox.invitations(), "nobody is e-mailed");

      CliRun.assertNoChanges(dir, env);
    }
  }

  @Test
  void withoutPlatformTokenAFormerEmailIsRefusedWherePreviouslyIsWritten() throws Exception {
    ChatwootSandbox sandbox = new ChatwootSandbox();
    Map<String, String> env = new HashMap<>(sandbox.environment());
    env.put("URL", "http://127.0.0.1:9");
    Files.writeString(dir.resolve("roster.yaml"), providers(konverte()) + """
        users:
          alice:
            email: alice.liddell@example.com
            name: Alice Liddell
            accounts:
              konverte:
                previously: [alice@example.com]
        """);
    CliRun validate = CliRun.run(dir, env, "validate");
    assertEquals(1, validate.exitCode(), validate.toString());
    assertTrue(validate.err().contains("roster.yaml:14:9: Chatwoot changes an agent's e-mail only through its Platform API,"
        + " and instance 'konverte' has no platformToken"), validate.toString());
    assertTrue(validate.err().contains("remove `previously`, and the plan deletes the agent with the old e-mail and"
        + " invites the new address as a new agent"), validate.toString());

    // the url answers nothing: a plan that tried to read would fail too, so the refusal itself is what counts
    CliRun plan = CliRun.run(dir, env, "plan");
    assertEquals(1, plan.exitCode(), "refused before anything is read\n" + plan);
    assertTrue(plan.err().contains("roster.yaml:14:9: Chatwoot changes an agent's e-mail only through its Platform API,"
        + " and instance 'konverte' has no platformToken"), "refused before anything is read\n" + plan);
  }

  static Map<String, Object> agent(ChatwootSandbox sandbox, String email) {
    return agent(sandbox, ChatwootSandbox.CHATWOOT_ACCOUNT, email);
  }

  static Map<String, Object> agent(ChatwootSandbox sandbox, long account, String email) {
    return sandbox.agents(account).stream().filter(a -> email.equals(a.get("email"))).findFirst().orElse(null);
  }
}
