package dev.roster.providers.engagelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Json;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxResponse;
import dev.roster.testing.CliRun;
import dev.roster.testing.InterceptedSandbox;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The CLI against the sandbox: plan, apply, plan again, with the state file in between. */
class EngageLabEndToEndTest {
  static final String HEAD = """
      version: 1
      providers:
        marketing:
          type: engagelab
          url: ${env:ROSTER_SANDBOX}/engagelab
          apiKey: ${env:ENGAGELAB_API_KEY}
          apiSecret: ${env:ENGAGELAB_API_SECRET}
          state: roster-state/marketing.json
          prune: true
      users:
      """;
  static final String ALICE = """
        alice:
          email: alice@example.com
          name: Alice Liddell
          accounts:
            marketing:
              properties: { plan: pro, seats: 5, trial: false, renewal: "2026-03-01 09:30:00" }
              contacts: { email: alice@example.com, mobilePhone: "+6591234567" }
      """;
  static final String BOB = """
        bob:
          email: bob@example.com
          name: Bob Stone
          accounts:
            marketing: { properties: { plan: free } }
      """;

  @TempDir Path dir;
  final EngageLabSandbox sandbox = new EngageLabSandbox();
  /** Property writes the platform accepts before it falls over. */
  final AtomicInteger propertyWritesAllowed = new AtomicInteger(Integer.MAX_VALUE);
  ServedSandbox served;
  SandboxServer server;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    SandboxApi faulty = new InterceptedSandbox(sandbox, r -> {
      if (r.path().endsWith("/v1/user/property") && propertyWritesAllowed.getAndDecrement() <= 0) {
        return SandboxResponse.json(503, Map.of("code", 50000, "message", "service unavailable"));
      }
      return sandbox.handle(r);
    });
    served = ServedSandbox.serve(faulty).withRoot();
    server = served.server();
    env = served.env();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  void manifest(String... people) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), HEAD + String.join("", people));
  }

  JsonNode state() throws Exception {
    return Json.MAPPER.readTree(Files.readString(dir.resolve("roster-state/marketing.json")));
  }

  @Test
  void planApplyPlanConvergesThenRemovalsClearWhatRosterSet() throws Exception {
    sandbox.seedDemo();
    manifest(ALICE, BOB);
    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("engagelab cannot be read") && plan.out().contains("no state file yet"), plan.out());
    assertTrue(plan.out().contains("2 to create"), plan.out());
    assertTrue(plan.out().contains("registers user_id alice@example.com"), plan.out());
    assertEquals(List.of(), server.requests(), "plan sends nothing to a platform that cannot be read");

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    var alice = sandbox.user("alice@example.com");
    assertEquals(Map.of("plan", "pro", "seats", 5L, "trial", false, "renewal", "2026-03-01 09:30:00"), alice.properties());
    assertEquals(Map.of("email", "alice@example.com", "mobile_phone", "+6591234567"), alice.contacts());
    assertEquals(Map.of("plan", "free"), sandbox.user("bob@example.com").properties());
    assertEquals(Map.of("plan", "pro"), sandbox.user("carol@example.com").properties(), "never recorded, never touched");

    JsonNode recorded = state();
    assertEquals(1, recorded.path("formatVersion").asInt());
    assertEquals("engagelab", recorded.path("provider").asString());
    JsonNode a = recorded.path("accounts").path("alice@example.com").path("attributes");
    assertEquals("alice@example.com", a.path("userId").asString());
    assertEquals(5, a.path("properties").path("seats").asInt());
    assertEquals("+6591234567", a.path("contacts").path("mobilePhone").asString());
    String text = Files.readString(dir.resolve("roster-state/marketing.json"));
    assertFalse(text.contains(EngageLabSandbox.API_SECRET) || text.contains(EngageLabSandbox.API_KEY), text);

    server.clearLog();
    CliRun.assertNoChanges(dir, env);
    assertEquals(List.of(), server.requests());

    // alice drops renewal and changes plan; bob leaves the files (prune)
    manifest(ALICE.replace("plan: pro", "plan: team").replace(", renewal: \"2026-03-01 09:30:00\"", ""));
    CliRun plan2 = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan2.exitCode(), plan2.toString());
    assertTrue(plan2.out().contains("clears properties no longer declared (type delete): renewal"), plan2.out());
    assertTrue(plan2.out().contains("EngageLab cannot delete users over its API: Roster clears the properties it last set (plan)"), plan2.out());

    CliRun apply2 = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply2.exitCode(), apply2.toString());
    assertEquals(Map.of("plan", "team", "seats", 5L, "trial", false), sandbox.user("alice@example.com").properties());
    assertNotNull(sandbox.user("bob@example.com"), "bob stays in EngageLab");
    assertEquals(Map.of(), sandbox.user("bob@example.com").properties());
    assertFalse(state().path("accounts").has("bob@example.com"));

    CliRun.assertNoChanges(dir, env);
    CliRun refresh = CliRun.run(dir, env, "plan", "--refresh-state", "--detailed-exitcode");
    assertEquals(2, refresh.exitCode(), refresh.toString());
    assertTrue(refresh.out().contains("1 to create"), refresh.out());
  }

  /**
   * EngageLab cannot change a user_id: a new key with previously is a new user, and the old one
   * stays (in EngageLab and in the state file), even with prune on.
   */
  @Test
  void aNewUserIdWithPreviouslyIsCreatedWithAWarningAndTheOldOneIsKept() throws Exception {
    manifest(ALICE);
    assertEquals(0, CliRun.run(dir, env, "apply", "--auto-approve").exitCode());
    assertTrue(state().path("accounts").has("alice@example.com"));

    String renamed = ALICE.replace("    email: alice@example.com\n", "    email: alice@new.example.com\n"
        + "    previously: [alice@example.com]\n");
    manifest(renamed);
    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("Plan: 1 to create, 0 to update, 0 to delete"), plan.out());
    assertTrue(plan.out().contains("+ marketing: alice@new.example.com"), plan.out());
    String warning = "warning marketing: alice@example.com cannot be renamed to alice@new.example.com on marketing"
        + " (engagelab cannot change a key)";
    int attention = plan.out().indexOf("Attention:");
    assertTrue(attention >= 0 && plan.out().indexOf(warning) > attention, plan.out());
    // the old user is the one the warning names: neither deleted (prune is on) nor listed as undeclared
    assertFalse(plan.out().contains("- marketing: alice@example.com"), plan.out());

    server.clearLog();
    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertEquals(Map.of("plan", "pro", "seats", 5L, "trial", false, "renewal", "2026-03-01 09:30:00"),
        sandbox.user("alice@new.example.com").properties());
    assertEquals(sandbox.user("alice@new.example.com").properties(), sandbox.user("alice@example.com").properties(),
        "the old user is not cleared");
    assertTrue(state().path("accounts").has("alice@new.example.com"));
    assertTrue(state().path("accounts").has("alice@example.com"), "the old user stays recorded while previously names it");

    // the new key is recorded now, so the former one is not looked for and the warning is gone;
    // prune still leaves the former key alone while previously names it
    CliRun again = CliRun.assertNoChanges(dir, env);
    assertFalse(again.out().contains("cannot be renamed"), again.out());
    assertTrue(again.out().contains("skipped alice@example.com: listed in previously"), again.out());
  }

  @Test
  void ensureSuspendedIsRefusedWithItsPlace() throws Exception {
    manifest(ALICE.replace("    marketing:\n", "    marketing:\n        ensure: suspended\n"));
    CliRun validate = CliRun.run(dir, env, "validate");
    assertEquals(1, validate.exitCode(), validate.toString());
    assertTrue(validate.err().contains("roster.yaml:15:7: ensure: suspended: engagelab accounts cannot be suspended"),
        validate.all());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void validateRejectsAnEmptyPropertyValueBeforeAnyRequest() throws Exception {
    manifest(ALICE.replace("plan: pro", "plan: \"\""));
    CliRun validate = CliRun.run(dir, env, "validate");
    assertEquals(1, validate.exitCode(), validate.toString());
    assertTrue(validate.all().contains("properties.plan: empty value"), validate.all());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void aCrashMidApplyLeavesExactlyTheSucceededUsersInTheStateAndARerunConverges() throws Exception {
    StringBuilder people = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      people.append("  p").append(i).append(":\n    email: p").append(i)
          .append("@example.com\n    accounts: { marketing: { properties: { plan: pro } } }\n");
    }
    manifest(people.toString());
    propertyWritesAllowed.set(3);
    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(4, apply.exitCode(), apply.toString());
    List<String> set = sandbox.users().values().stream().filter(u -> !u.properties().isEmpty()).map(u -> u.userId()).sorted().toList();
    assertEquals(3, set.size(), sandbox.users().toString());
    assertEquals(set, state().path("accounts").propertyNames().stream().sorted().toList());

    propertyWritesAllowed.set(Integer.MAX_VALUE);
    CliRun rerun = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertTrue(rerun.out().contains("Applied 3, failed 0"), rerun.out());
    assertEquals(6, state().path("accounts").size());
    CliRun.assertNoChanges(dir, env);
  }
}
