package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.FakeSandbox;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan -> apply -> plan through the CLI, the engine and HTTP, against the fake platform's sandbox. */
class PlanApplyEndToEndTest {
  @TempDir Path dir;
  ServedSandbox fake;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.fake();
    FakeFactory.SANDBOX.put(Map.of("login", "alice", "email", "ALICE@example.com", "role", "member",
        "prefs", Map.of("lang", "en", "tz", "UTC"), "groups", List.of("b", "a")));
    FakeFactory.SANDBOX.put(Map.of("login", "carol", "email", "carol@example.com", "role", "member"));
    FakeFactory.SANDBOX.put(Map.of("login", "sync", "email", "sync@example.com", "role", "member", "readOnly", true));
    env = Map.of("FAKE_URL", fake.server().url("fake"), "FAKE_TOKEN", FakeSandbox.TOKEN, "BOB_PASSWORD", "s3cret-bob-pw");
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          app:
            type: fake
            url: ${env:FAKE_URL}
            token: ${env:FAKE_TOKEN}
            prune: true
            protect: [sync]
        defaults:
          app: { role: member }
        users:
          alice:
            email: alice@example.com
            accounts:
              app: { role: admin, prefs: { lang: de }, groups: [a, b] }
          bob:
            email: bob@example.com
            name: Bob Stone
            accounts:
              app: { name: Bob Stone, password: "${env:BOB_PASSWORD}" }
        """);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void planShowsDriftApplyFixesItAndTheNextPlanIsEmpty() {
    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("+ app: bob"), plan.out());
    assertTrue(plan.out().contains("(roster.yaml:"), "each change names its file:line\n" + plan.out());
    assertTrue(plan.out().contains("~ app: alice"), plan.out());
    assertTrue(plan.out().contains("role:"), plan.out());
    assertTrue(plan.out().contains("\"member\" -> \"admin\""), plan.out());
    assertTrue(plan.out().contains("prefs.lang: \"en\" -> \"de\""), "only the written sub-key is managed\n" + plan.out());
    assertFalse(plan.out().contains("groups"), "same groups in another order are no change\n" + plan.out());
    String aliceSection = plan.out().substring(plan.out().indexOf("~ app: alice"), plan.out().indexOf("+ app: bob"));
    assertFalse(aliceSection.contains("email"), "email compares case-insensitively\n" + plan.out());
    assertTrue(plan.out().contains("- app: carol"), plan.out());
    assertTrue(plan.out().contains("prune: no file declares this account"), plan.out());
    assertTrue(plan.out().contains("app: skipped sync: managed elsewhere"), plan.out());
    assertTrue(plan.out().contains("password: (sensitive)"), plan.out());
    assertTrue(plan.out().contains("note: sends a welcome e-mail"), plan.out());
    assertTrue(plan.out().contains("Plan: 1 to create, 1 to update, 1 to delete, 0 unchanged."), plan.out());
    assertTrue(fake.server().requests().stream().allMatch(r -> r.startsWith("GET ")), "plan sent only reads: " + fake.server().requests());

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertTrue(apply.out().contains("Applied 3, failed 0, skipped 0."), apply.out());

    CliRun.assertNoChanges(dir, env);
    Map<String, Object> alice = FakeFactory.SANDBOX.list().stream().filter(a -> a.get("login").equals("alice")).findFirst().orElseThrow();
    assertEquals(Map.of("lang", "de", "tz", "UTC"), alice.get("prefs"), "undeclared sub-keys are kept");
  }

  @Test
  void applyWithoutTerminalNeedsAutoApproveAndChangesNothing() {
    CliRun apply = CliRun.run(dir, env, "apply");
    assertEquals(1, apply.exitCode(), apply.toString());
    assertTrue(apply.err().contains("--auto-approve"), apply.err());
    assertEquals(3, FakeFactory.SANDBOX.list().size());
  }

  @Test
  void onATerminalApplyAsksAndOnlyYesApplies() {
    CliRun no = CliRun.atTerminal(dir, env, "no\n", "apply");
    assertEquals(1, no.exitCode(), no.toString());
    assertTrue(no.out().contains("Apply these changes? Only 'yes' is accepted:"), no.out());
    assertTrue(no.out().contains("Cancelled; nothing was changed."), no.out());
    assertEquals(3, FakeFactory.SANDBOX.list().size());

    CliRun dry = CliRun.atTerminal(dir, env, "yes\n", "apply", "--dry-run");
    assertEquals(0, dry.exitCode(), dry.toString());
    assertTrue(dry.out().contains("\u001b[32m+\u001b[0m app: bob"), "colour on a terminal\n" + dry.out());
    assertTrue(!dry.out().contains("Apply these changes?"), dry.out());
    assertEquals(3, FakeFactory.SANDBOX.list().size(), "--dry-run writes nothing");
    Map<String, String> noColor = new java.util.HashMap<>(env);
    noColor.put("NO_COLOR", "1");
    CliRun plain = CliRun.atTerminal(dir, noColor, "", "plan");
    assertTrue(plain.out().contains("+ app: bob") && !plain.out().contains("\u001b["), "NO_COLOR respected\n" + plain.out());

    CliRun yes = CliRun.atTerminal(dir, env, "yes\n", "apply");
    assertEquals(0, yes.exitCode(), yes.toString());
    assertTrue(yes.out().contains("Applied 3, failed 0, skipped 0."), yes.out());
  }

  @Test
  void onlyAndPersonNarrowThePlan() {
    CliRun plan = CliRun.run(dir, env, "plan", "--person", "bob");
    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("+ app: bob"), plan.out());
    assertFalse(plan.out().contains("alice"), plan.out());
    assertFalse(plan.out().contains("carol"), "prune is not a person's to decide\n" + plan.out());
    CliRun typo = CliRun.run(dir, env, "plan", "--only", "ap");
    assertEquals(1, typo.exitCode(), typo.toString());
    assertTrue(typo.err().contains("--only ap: no such instance: did you mean 'app'?"), typo.err());
  }

  @Test
  void savedPlanAppliesExactlyAndRefusesWhenTheAccountChangedSince() throws Exception {
    assertEquals(0, CliRun.run(dir, env, "plan", "--out", "plan.json").exitCode());
    String saved = Files.readString(dir.resolve("plan.json"));
    assertTrue(saved.contains("\"formatVersion\" : 1"), saved);
    assertTrue(saved.contains("${env:BOB_PASSWORD}"), "secrets are saved as references");
    assertFalse(saved.contains("s3cret-bob-pw"), saved);

    // someone changes carol on the platform after review
    Map<String, Object> carol = FakeFactory.SANDBOX.list().stream().filter(a -> a.get("login").equals("carol")).findFirst().orElseThrow();
    carol.put("role", "admin");
    fake.server().clearLog();
    assertEquals(0, fake.server().cpuNanos(), "the sandboxes' CPU time is counted from the log's clearing");
    CliRun stale = CliRun.run(dir, env, "apply", "plan.json");
    assertEquals(3, stale.exitCode(), stale.toString());
    assertTrue(stale.err().contains("refused 'app'"), stale.err());
    assertTrue(stale.err().contains("carol: the account changed since the plan"), stale.err());
    assertTrue(fake.server().requests().stream().allMatch(r -> r.startsWith("GET ")), "a refused instance gets no write: " + fake.server().requests());

    assertEquals(0, CliRun.run(dir, env, "plan", "--out", "plan.json").exitCode());
    CliRun exact = CliRun.run(dir, env, "apply", "plan.json");
    assertEquals(0, exact.exitCode(), exact.toString());
    CliRun.assertNoChanges(dir, env);
  }

  @Test
  void aSavedPlanForAPlatformThisBuildLacksIsRefusedByNameWithNoRequest() throws Exception {
    assertEquals(0, CliRun.run(dir, env, "plan", "--out", "plan.json").exitCode());
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, Files.readString(plan).replace("\"provider\" : \"fake\"", "\"provider\" : \"acme\""));
    fake.server().clearLog();

    CliRun apply = CliRun.run(dir, env, "apply", "plan.json");

    assertEquals(1, apply.exitCode(), apply.toString());
    assertTrue(apply.err().contains("plan.json: instance 'app' is of type 'acme', which this build of Roster does not have"),
        apply.err());
    assertEquals(List.of(), fake.server().requests());
  }

  @Test
  void aPlatformRefusalIsShownWithItsOwnWordsAndOtherChangesStillApply() throws Exception {
    // the platform holds "BOB", which it treats as the same login as "bob": it refuses the create
    FakeFactory.SANDBOX.put(Map.of("login", "BOB", "email", "x@example.com"));
    Files.writeString(dir.resolve("roster.yaml"), Files.readString(dir.resolve("roster.yaml")).replace("prune: true", "prune: false"));
    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve", "--report", "report.json");
    assertEquals(4, apply.exitCode(), apply.toString());
    assertTrue(apply.out().contains("FAILED  app: + bob: POST /fake/accounts: HTTP 422: login has already been taken"), apply.out());
    assertTrue(apply.out().contains("Applied 1, failed 1, skipped 0."), "alice's update still ran\n" + apply.out());
    String report = Files.readString(dir.resolve("report.json"));
    assertTrue(report.contains("\"outcome\" : \"failed\"") && report.contains("\"status\" : 422"), report);
  }

  @Test
  void aListThatRepeatsAnAccountIsAnErrorNotAWrongPlan() throws Exception {
    Map<String, Object> alice = FakeFactory.SANDBOX.list().get(0);
    FakeFactory.SANDBOX.put(Map.of("login", "x"));
    // the platform answers with alice's record where x's should be: a repeated page
    FakeFactory.SANDBOX.list().stream().filter(a -> a.get("login").equals("x")).findFirst().orElseThrow().putAll(alice);
    CliRun plan = CliRun.run(dir, env, "plan");
    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("the platform listed account " + alice.get("id") + " twice (a page repeated?)"), plan.err());
  }

  @Test
  void wrongTokenGivesThePlatformsMessageAndExit1() {
    Map<String, String> bad = new java.util.HashMap<>(env);
    bad.put("FAKE_TOKEN", "wrong");
    CliRun plan = CliRun.run(dir, bad, "plan");
    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("cannot read 'app': GET /fake/accounts: HTTP 401: Invalid token"), plan.err());
    assertFalse(plan.all().contains("Exception"), plan.all());
  }
}
