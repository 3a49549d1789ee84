package dev.roster.providers.chatwoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teams and inboxes through the CLI, against the sandbox seeded for the demo (alice and carol in
 * team sales; alice in inbox Website, carol in Support email): plan -> apply -> plan shows no
 * changes, names match ignoring case, and an agent whose files do not manage them keeps them.
 */
class ChatwootMembershipEndToEndTest {
  static final long CW = ChatwootSandbox.CHATWOOT_ACCOUNT;
  static final long KD = ChatwootSandbox.KONVERTE_ACCOUNT;
  static final String PROVIDERS = providers(support(), konverte());

  @TempDir Path dir;
  ChatwootSandbox sandbox;
  ServedSandbox served;
  SandboxServer server;
  Map<String, String> env;

  @BeforeEach
  void seedAndServe() throws Exception {
    sandbox = new ChatwootSandbox();
    sandbox.seedDemo();
    served = serve(sandbox);
    server = served.server();
    env = served.env();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void planApplyPlanConvergesAndLeavesUndeclaredMembershipsAlone() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), PROVIDERS + """
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            accounts:
              support: { teams: [Billing], inboxes: [website, Support Email] }
          carol:
            email: carol@example.com
            name: Carol Danvers
            accounts:
              support: { role: administrator }
          bob:
            email: bob@example.com
            name: Bob Stone
            accounts:
              konverte: { teams: [onboarding], inboxes: [Live chat] }
        """);

    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.toString());
    String out = plan.out();
    assertTrue(out.contains("teams:   [\"sales\"] -> [\"billing\"]"), out);
    assertTrue(out.contains("inboxes: [\"Website\"] -> [\"Website\",\"Support email\"]"), out);
    assertTrue(out.contains("+ konverte: bob@example.com"), out);
    assertTrue(server.requests().stream().allMatch(r -> r.startsWith("GET ")), server.requests().toString());

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    CliRun.assertNoChanges(dir, env);

    assertEquals(List.of("billing"), sandbox.teamsOf(CW, "alice@example.com"));
    assertEquals(List.of("Website", "Support email"), sandbox.inboxesOf(CW, "alice@example.com"));
    assertEquals(List.of("sales"), sandbox.teamsOf(CW, "carol@example.com"), "carol's files do not manage her teams");
    assertEquals(List.of("Support email"), sandbox.inboxesOf(CW, "carol@example.com"));
    assertEquals(List.of("onboarding"), sandbox.teamsOf(KD, "bob@example.com"), "a new agent joins without platformToken");
    assertEquals(List.of("Live chat"), sandbox.inboxesOf(KD, "bob@example.com"));
  }

  @Test
  void aNameTheAccountDoesNotHaveFailsThePlanAtTheAccountsLineListingTheNamesThatExist() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), PROVIDERS + """
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            accounts:
              support: { teams: [Billing, Marketing] }
        """);
    CliRun plan = CliRun.run(dir, env, "plan");

    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("roster.yaml:19: teams: Chatwoot account 1 has no team \"Marketing\": its teams are"
        + " \"billing\", \"sales\""), plan.toString());
    assertTrue(server.requests().stream().allMatch(r -> r.startsWith("GET ")), server.requests().toString());
    assertEquals(List.of("sales"), sandbox.teamsOf(CW, "alice@example.com"));
  }
}
