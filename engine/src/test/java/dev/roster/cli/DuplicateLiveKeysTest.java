package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Two live accounts with one key (two runs created the same person at once, say) are never paired
 * with the files silently: the plan names both as a conflict and changes nothing for that key.
 */
class DuplicateLiveKeysTest {
  @TempDir Path dir;
  ServedSandbox fake;
  Map<String, String> env;
  List<String> ids;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.fake();
    env = fake.env();
    ids = new java.util.ArrayList<>();
    for (String login : List.of("alice", "alice", "bob", "bob")) {
      ids.add((String) FakeFactory.SANDBOX.put(Map.of("login", login, "email", login + "@example.com", "role", "member")).get("id"));
    }
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          app:
            type: fake
            url: ${env:U}
            token: ${env:T}
            prune: true
        users:
          alice:
            email: alice@example.com
            accounts:
              app: { role: admin }
        """);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aKeyHeldByTwoLiveAccountsIsAConflictAndNothingIsChangedForIt() throws Exception {
    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");

    assertEquals(2, plan.exitCode(), "a conflict is not 'no changes'\n" + plan);
    assertTrue(plan.out().contains("conflict alice on app: 2 live accounts have this key (ids " + ids.get(0) + ", " + ids.get(1) + ")"), plan.out());
    assertTrue(plan.out().contains("conflict bob on app: 2 live accounts have this key (ids " + ids.get(2) + ", " + ids.get(3) + ")"), plan.out());
    assertFalse(plan.out().contains("~ app: alice"), "alice is not updated on either account\n" + plan.out());
    assertFalse(plan.out().contains("- app: bob"), "prune does not delete either bob\n" + plan.out());
    assertTrue(plan.out().contains("Plan: 0 to create, 0 to update, 0 to delete, 0 unchanged, 2 conflicts to resolve."),
        plan.out());

    CliRun markdown = CliRun.run(dir, env, "plan", "--format", "markdown");
    assertTrue(markdown.out().contains("**conflict**: 2 accounts on app have the key alice (ids " + ids.get(0) + ", " + ids.get(1) + ")"), markdown.out());
    CliRun json = CliRun.run(dir, env, "plan", "--format", "json");
    assertTrue(json.out().replaceAll("\\s", "").contains("\"conflicts\":[{\"key\":\"alice\",\"person\":\"alice\",\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]}"),
        json.out());

    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertEquals(4, FakeFactory.SANDBOX.list().size(), "nothing was deleted");
    assertTrue(FakeFactory.SANDBOX.list().stream().allMatch(a -> a.get("role").equals("member")), "nothing was updated");
  }
}
