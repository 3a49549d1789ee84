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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the Keepnet sandbox: plan -> apply -> plan converges; import -> plan shows no changes. */
class KeepnetEndToEndTest {
  @TempDir Path dir;

  static final String PROVIDERS = phishing("prune: true");

  @Test
  void planApplyPlanConverges() throws Exception {
    KeepnetSandbox sandbox = new KeepnetSandbox();
    sandbox.seedDemo();
    try (ServedSandbox served = serve(sandbox)) {
      SandboxServer server = served.server();
      Files.writeString(dir.resolve("roster.yaml"), PROVIDERS + """
          users:
            alice:
              email: Alice@Example.com
              name: Alice Liddell
              accounts:
                phishing: { department: Engineering, targetGroups: [grpEngineering] }
            bob:
              email: bob@example.com
              name: Bob Stone
              accounts:
                phishing: { department: Support, phoneNumber: "+15550101", targetGroups: [grpSupport, grpEngineering] }
          """);
      Map<String, String> env = served.env();

      CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
      assertEquals(2, plan.exitCode(), plan.toString());
      // an update is shown by the key the live account has (the engine's choice since previously came in)
      assertTrue(plan.out().contains("~ phishing: Alice@Example.com"), plan.out());
      assertTrue(plan.out().contains("\"Sales\" -> \"Engineering\""), plan.out());
      assertTrue(plan.out().contains("+ phishing: bob"), plan.out());
      assertTrue(plan.out().contains("- phishing: carol@example.com"), plan.out());
      assertTrue(plan.out().contains("dave@example.com") && plan.out().contains("synced from SCIM setting Okta"),
          "the SCIM-synced user is skipped, with the reason\n" + plan.out());
      assertFalse(plan.all().contains(KeepnetSandbox.CLIENT_SECRET), "the secret is never printed");
      for (String r : server.requests()) {
        assertTrue(r.startsWith("GET ") || r.endsWith("/connect/token") || r.endsWith("/search") || r.endsWith("/users"),
            "plan sends only reads: " + r);
      }

      CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      Map<String, SandboxCompany.User> users = sandbox.company().liveUsers();
      assertEquals(Set.of("alice@example.com", "bob@example.com", "dave@example.com"), users.keySet());
      assertEquals("Engineering", users.get("alice@example.com").department);
      assertEquals("Liddell", users.get("alice@example.com").lastName);
      assertEquals(Set.of(KeepnetSandbox.ENGINEERING), sandbox.company().groupsOf(users.get("alice@example.com").resourceId));
      assertEquals("Stone", users.get("bob@example.com").lastName);
      assertTrue(users.get("bob@example.com").isActive);

      CliRun.assertNoChanges(dir, env);
    }
  }

  /** Manager fields are not in the search view: read for alice, who declares one, and for nobody else. */
  @Test
  void managerFieldsAreReadForTheirAccountsOnlyAndASavedPlanAppliesAsMade() throws Exception {
    KeepnetSandbox sandbox = new KeepnetSandbox();
    sandbox.seedDemo();
    try (ServedSandbox served = serve(sandbox)) {
      SandboxServer server = served.server();
      Files.writeString(dir.resolve("roster.yaml"), PROVIDERS.replace("prune: true", "prune: false") + """
          users:
            alice:
              email: Alice@Example.com
              accounts:
                phishing: { managerEmail: hatter@example.com }
            carol:
              email: carol@example.com
              accounts:
                phishing: { department: Sales }
          """);
      Map<String, String> env = served.env();
      String alice = sandbox.company().liveUsers().get("alice@example.com").resourceId;
      sandbox.company().liveUsers().get("alice@example.com").managerEmail = "queen@example.com";

      server.clearLog();
      CliRun plan = CliRun.run(dir, env, "plan", "--out", "plan.json");
      assertEquals(0, plan.exitCode(), plan.toString());
      List<String> userReads = server.requests().stream().filter(r -> r.startsWith("GET ") && r.contains("/api/target-users/")).toList();
      assertEquals(1, userReads.size(), "one record read, alice's: " + userReads);
      assertTrue(userReads.get(0).contains(alice), userReads.toString());
      assertTrue(plan.out().contains("\"queen@example.com\" -> \"hatter@example.com\""), "compared with the read value\n" + plan.out());
      assertFalse(plan.out().contains("readDetails"), "no note: the field was read\n" + plan.out());

      CliRun apply = CliRun.run(dir, env, "apply", "plan.json");
      assertEquals(0, apply.exitCode(), "the saved plan is re-read the same way, so it is not stale\n" + apply);
      assertEquals("hatter@example.com", sandbox.company().liveUsers().get("alice@example.com").managerEmail);

      CliRun.assertNoChanges(dir, env);
    }
  }

  @Test
  void importPrintsTargetUsersThatPlanThenLeavesAlone() throws Exception {
    KeepnetSandbox sandbox = new KeepnetSandbox();
    sandbox.seedDemo();
    SandboxCompany.User u = sandbox.company().addUser("erin@example.com", "Erin", "Ash");
    u.phoneNumber = "+15550199";
    u.isActive = false;
    u.priority = "High";
    u.timeZoneId = "Europe/London";
    sandbox.company().addMember(KeepnetSandbox.ENGINEERING, u.resourceId);
    try (ServedSandbox served = serve(sandbox)) {
      SandboxServer server = served.server();
      Map<String, String> env = served.env();
      Files.writeString(dir.resolve("providers.yaml"), PROVIDERS);
      CliRun imported = CliRun.run(dir, env, "import", "phishing", "-f", "providers.yaml");
      assertEquals(0, imported.exitCode(), imported.toString());
      assertTrue(imported.out().contains("erin@example.com"), imported.out());
      assertFalse(imported.out().contains("dave@example.com"), "read-only users are not imported\n" + imported.out());
      Files.writeString(dir.resolve("people.yaml"), imported.out());
      CliRun plan = CliRun.run(dir, env, "plan", "-f", "providers.yaml", "-f", "people.yaml", "--detailed-exitcode");
      assertEquals(0, plan.exitCode(), plan + "\n" + imported.out());
    }
  }
}
