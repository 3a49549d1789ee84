package dev.roster.providers.keepnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.roster.providers.keepnet.KeepnetTestSupport.phishing;
import static dev.roster.providers.keepnet.KeepnetTestSupport.serve;

import dev.roster.sandbox.SandboxServer;
import dev.roster.testing.CliRun;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target groups by name through the CLI, against the sandbox seeded for the demo (groups Engineering
 * and Support; carol in Support): names match ignoring case, ids keep working, plans and import show
 * names, and a name no group has fails the plan at the account's line.
 */
class KeepnetGroupNamesEndToEndTest {
  static final String PROVIDERS = phishing();

  @TempDir Path dir;
  KeepnetSandbox sandbox;
  ServedSandbox served;
  SandboxServer server;
  Map<String, String> env;

  @BeforeEach
  void seedAndServe() throws Exception {
    sandbox = new KeepnetSandbox();
    sandbox.seedDemo();
    served = serve(sandbox);
    server = served.server();
    env = served.env();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  Set<String> groupsOf(String email) {
    return sandbox.company().groupsOf(sandbox.company().liveUsers().get(email).resourceId);
  }

  @Test
  void namesAndIdsPlanApplyAndPlanAgainWithNoChanges() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), PROVIDERS + """
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            accounts:
              phishing: { targetGroups: [engineering] }
          bob:
            email: bob@example.com
            name: Bob Stone
            accounts:
              phishing: { targetGroups: [Support, grpEngineering] }
          carol:
            email: carol@example.com
            name: Carol Danvers
            accounts:
              phishing: { targetGroups: [] }
        """);

    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("targetGroups: [] -> [\"Engineering\"]"), plan.out());
    assertTrue(plan.out().contains("targetGroups: [\"Support\"] -> []"), plan.out());
    assertTrue(plan.out().contains("removes the user from target group Support"), plan.out());

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertEquals(Set.of(KeepnetSandbox.ENGINEERING), groupsOf("alice@example.com"));
    assertEquals(Set.of(KeepnetSandbox.SUPPORT, KeepnetSandbox.ENGINEERING), groupsOf("bob@example.com"));
    assertEquals(Set.of(), groupsOf("carol@example.com"));

    CliRun.assertNoChanges(dir, env);
  }

  @Test
  void importShowsGroupsByName() throws Exception {
    Files.writeString(dir.resolve("providers.yaml"), PROVIDERS);
    CliRun imported = CliRun.run(dir, env, "import", "phishing", "-f", "providers.yaml");
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(imported.out().contains("targetGroups: [Support]}"), imported.out());
    assertFalse(imported.out().contains(KeepnetSandbox.SUPPORT), imported.out());
  }

  @Test
  void aGroupNameNoGroupHasFailsThePlanAtTheAccountsLineListingTheGroups() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), PROVIDERS + """
        users:
          alice:
            email: alice@example.com
            accounts:
              phishing: { targetGroups: [Engineering, Marketing] }
        """);
    CliRun plan = CliRun.run(dir, env, "plan");

    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("roster.yaml:12: targetGroups: Keepnet has no target group \"Marketing\":"
        + " its target groups are \"Engineering\", \"Support\""), plan.toString());
    assertTrue(server.requests().stream().noneMatch(r -> r.startsWith("PUT ") || r.startsWith("DELETE ")
        || r.endsWith("/api/target-users")), server.requests().toString());
  }
}
