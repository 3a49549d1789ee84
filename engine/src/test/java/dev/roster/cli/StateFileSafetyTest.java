package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
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
 * A state file stands in for a platform that cannot be read, so a wrong one is as bad as a wrong
 * answer: a file for another instance or url is refused, one that cannot be written is found before
 * anything is sent, and what a crash left in its journal reaches the file at the next apply.
 */
class StateFileSafetyTest {
  @TempDir Path dir;
  ServedSandbox fake;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.blindFake();
    manifest("mail", "state/mail.json", fake.server().url("blindfake"));
  }

  void manifest(String instance, String state, String url) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          %s: { type: blindfake, url: "%s", token: "${env:T}", state: %s }
        users:
          alice: { accounts: { %s: { role: member } } }
          bob: { accounts: { %s: { role: member } } }
        """.formatted(instance, url, state, instance, instance));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aStateFileOfAnotherInstanceIsRefusedUnlessRefreshed() throws Exception {
    assertEquals(0, CliRun.run(dir, fake.env(), "apply", "--auto-approve").exitCode());
    manifest("newsletter", "state/mail.json", fake.server().url("blindfake"));
    int sent = fake.server().requests().size();

    CliRun plan = CliRun.run(dir, fake.env(), "plan");

    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("records instance 'mail', not 'newsletter'"), plan.err());
    assertEquals(sent, fake.server().requests().size(), "nothing was sent");

    FakeFactory.SANDBOX.reset(); // the newsletter's platform, where nobody was created yet
    CliRun refreshed = CliRun.run(dir, fake.env(), "apply", "--auto-approve", "--refresh-state");
    assertEquals(0, refreshed.exitCode(), refreshed.toString());
    assertTrue(Files.readString(dir.resolve("state/mail.json")).contains("\"instance\" : \"newsletter\""));
    CliRun.assertNoChanges(dir, fake.env());
  }

  @Test
  void aStateFileOfAnotherUrlIsRefusedRatherThanCallingItsAccountsUnchanged() throws Exception {
    assertEquals(0, CliRun.run(dir, fake.env(), "apply", "--auto-approve").exitCode());
    assertTrue(Files.readString(dir.resolve("state/mail.json")).contains("\"url\" : \"" + fake.server().url("blindfake") + "\""));
    manifest("mail", "state/mail.json", fake.server().url("blindfake") + "-eu");

    CliRun plan = CliRun.run(dir, fake.env(), "plan", "--detailed-exitcode");

    assertEquals(1, plan.exitCode(), "not 'no changes': the new url has never seen these accounts\n" + plan);
    assertTrue(plan.err().contains("now points at " + fake.server().url("blindfake") + "-eu: nothing there is known"), plan.err());
    assertTrue(plan.err().contains("--refresh-state"), plan.err());
    CliRun refreshed = CliRun.run(dir, fake.env(), "plan", "--refresh-state");
    assertTrue(refreshed.out().contains("2 to create"), refreshed.out());
  }

  @Test
  void aStateFileThatCannotBeWrittenIsFoundBeforeAnythingIsSent() throws Exception {
    Files.writeString(dir.resolve("blocked"), "a file where the state directory should be");
    manifest("mail", "blocked/mail.json", fake.server().url("blindfake"));

    CliRun apply = CliRun.run(dir, fake.env(), "apply", "--auto-approve");

    assertEquals(1, apply.exitCode(), apply.toString());
    assertTrue(apply.err().contains("state file blocked/mail.json cannot be written"), apply.err());
    assertTrue(fake.server().requests().isEmpty(), "nothing was sent: " + fake.server().requests());
    assertTrue(FakeFactory.SANDBOX.list().isEmpty());
  }

  @Test
  void aJournalLeftByACrashIsFoldedIntoTheFileByTheNextApplyEvenWithNothingToDo() throws Exception {
    // what a crash after two successful creates leaves: the journal, and no state file yet
    FakeFactory.SANDBOX.put(Map.of("login", "alice", "role", "member"));
    FakeFactory.SANDBOX.put(Map.of("login", "bob", "role", "member"));
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/mail.json.journal"), """
        {"op":"record","key":"alice","id":"alice","attributes":{"login":"alice","role":"member"}}
        {"op":"record","key":"bob","id":"bob","attributes":{"login":"bob","role":"member"}}
        """);

    CliRun apply = CliRun.run(dir, fake.env(), "apply", "--auto-approve");

    assertEquals(0, apply.exitCode(), apply.toString());
    assertTrue(apply.out().contains("No changes."), apply.out());
    assertFalse(Files.exists(dir.resolve("state/mail.json.journal")), "the journal is folded in");
    var accounts = Json.MAPPER.readTree(Files.readString(dir.resolve("state/mail.json"))).path("accounts");
    assertEquals(List.of("alice", "bob"), accounts.propertyNames().stream().sorted().toList());
  }
}
