package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A team's year through the CLI: a renamed person keeps their account, an expired one is offboarded,
 * one about to expire is pointed out, and what a platform cannot do is refused before a request.
 */
class PeopleChangeTest {
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @TempDir Path dir;
  ServedSandbox fake;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.fake();
    FakeFactory.SANDBOX.put(Map.of("login", "alice", "email", "alice@example.com", "role", "member"));
    FakeFactory.SANDBOX.put(Map.of("login", "carol", "email", "carol@example.com", "role", "member"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  void manifest(String people) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), "version: 1\nproviders:\n"
        + "  app: { type: fake, url: \"${env:U}\", token: \"${env:T}\", prune: true }\nusers:\n" + people);
  }

  String idOf(String login) {
    return FakeFactory.SANDBOX.list().stream().filter(a -> login.equals(a.get("login")))
        .map(a -> String.valueOf(a.get("id"))).findFirst().orElseThrow(() -> new AssertionError("no " + login));
  }

  @Test
  void aNewHandleWithPreviouslyRenamesTheAccountInPlaceAndASavedPlanAppliesIt() throws Exception {
    String id = idOf("alice");
    manifest("  alice-liddell:\n    previously: [alice]\n    email: alice@example.com\n    accounts: { app: {} }\n"
        + "  carol: { email: carol@example.com, accounts: { app: {} } }\n");

    CliRun plan = CliRun.run(dir, fake.env(), "plan", "--out", "plan.json");
    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("rename alice -> alice-liddell on app: the same account, its history kept"), plan.out());
    assertTrue(plan.out().contains("~ app: alice-liddell (renamed from alice)"), plan.out());
    assertTrue(plan.out().contains("login: \"alice\" -> \"alice-liddell\""), plan.out());
    assertTrue(plan.out().contains("0 to create, 1 to update, 0 to delete"), plan.out());
    CliRun comment = CliRun.run(dir, fake.env(), "plan", "--format", "markdown");
    assertTrue(comment.out().contains("> - **rename** alice to alice-liddell on app: the same account, its history kept"),
        comment.out());
    JsonNode change = Json.MAPPER.readTree(dir.resolve("plan.json").toFile()).path("changes").get(0);
    assertEquals("alice", change.path("renamedFrom").asString());
    assertEquals(id, change.path("liveId").asString());

    CliRun apply = CliRun.run(dir, fake.env(), "apply", "plan.json", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertEquals(id, idOf("alice-liddell"), "the same account, renamed");
    CliRun.assertNoChanges(dir, fake.env());
  }

  @Test
  void anExpiredAccountIsDeletedWithItsReasonAndOneExpiringThisWeekIsAWarning() throws Exception {
    manifest("  alice: { until: \"" + TODAY.minusDays(2) + "\", accounts: { app: { email: alice@example.com } } }\n"
        + "  carol:\n    accounts:\n      app: { email: carol@example.com, until: \"" + TODAY.plusDays(3) + "\" }\n");

    CliRun plan = CliRun.run(dir, fake.env(), "plan");
    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("delete alice on app (expired on " + TODAY.minusDays(2) + " (roster.yaml:5))"), plan.out());
    assertTrue(plan.out().contains("warning app: carol expires on " + TODAY.plusDays(3) + " (roster.yaml:8)"), plan.out());

    CliRun apply = CliRun.run(dir, fake.env(), "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertTrue(FakeFactory.SANDBOX.list().stream().noneMatch(a -> "alice".equals(a.get("login"))));
    CliRun again = CliRun.run(dir, fake.env(), "plan", "--detailed-exitcode");
    assertEquals(0, again.exitCode(), "an expired account stays gone, and a warning is not a change\n" + again);
  }

  @Test
  void suspendingWhereThePlatformCannotIsRefusedAtItsPlaceBeforeAnyRequest() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), "version: 1\nproviders:\n"
        + "  app: { type: fake, url: \"${env:U}\", token: \"${env:T}\", offboard: suspend }\nusers:\n"
        + "  alice: { accounts: { app: { ensure: suspended } } }\n"
        + "  carol: { until: \"2027-02-30\", accounts: { app: {} } }\n");
    fake.server().clearLog();

    CliRun plan = CliRun.run(dir, fake.env(), "plan");
    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("roster.yaml:3:68: offboard: suspend: fake accounts cannot be suspended"), plan.err());
    assertTrue(plan.err().contains("roster.yaml:5:24: ensure: suspended: fake accounts cannot be suspended (its API has no"
        + " suspension); use ensure: absent"), plan.err());
    assertTrue(plan.err().contains("roster.yaml:6:19: until: '2027-02-30' is not a day of the calendar"), plan.err());
    assertEquals(List.of(), fake.server().requests(), "nothing is sent");
  }

  @Test
  void aFormerKeyClaimedByTwoPeopleIsAProblem() throws Exception {
    manifest("  alice: { previously: [al], accounts: { app: {} } }\n  carol: { previously: [al], accounts: { app: {} } }\n");

    CliRun validate = CliRun.run(dir, fake.env(), "validate");
    assertEquals(1, validate.exitCode(), validate.toString());
    assertTrue(validate.err().contains("roster.yaml:6:42: previously 'al' on 'app' is claimed by two people: alice (roster.yaml:5:42) and carol"),
        validate.err());
  }

  @Test
  void anInvitationNotAcceptedYetIsShownCountedAndNotSentAgain() throws Exception {
    FakeFactory.SANDBOX.put(Map.of("login", "erin", "email", "erin@example.com", "role", "member", "invited", true));
    manifest("  alice: { accounts: { app: { email: alice@example.com } } }\n"
        + "  carol: { accounts: { app: { email: carol@example.com } } }\n");

    CliRun imported = CliRun.run(dir, fake.env(), "import");
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(imported.out().contains("a new person, by e-mail erin@example.com; invitation pending"), imported.out());

    manifest("  alice: { accounts: { app: { email: alice@example.com } } }\n"
        + "  carol: { accounts: { app: { email: carol@example.com } } }\n"
        + "  erin: { accounts: { app: { email: erin@example.com, role: member } } }\n");
    fake.server().clearLog();
    CliRun plan = CliRun.run(dir, fake.env(), "plan", "--detailed-exitcode");
    assertEquals(0, plan.exitCode(), "a pending invitation is not a change\n" + plan);
    assertTrue(plan.out().contains("app (fake): 0 to create, 0 to update, 0 to delete, 3 unchanged, 1 invitation pending"),
        plan.out());
    assertTrue(plan.out().contains("app: invitation pending (not sent again): erin"), plan.out());

    CliRun apply = CliRun.run(dir, fake.env(), "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertTrue(fake.server().requests().stream().allMatch(r -> r.startsWith("GET ")),
        "plan and apply sent no invitation again: " + fake.server().requests());
    assertEquals(1, FakeFactory.SANDBOX.list().stream().filter(a -> "erin".equals(a.get("login"))).count(),
        "erin is invited once");
  }
}
