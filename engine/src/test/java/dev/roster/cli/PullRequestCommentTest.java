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
 * The markdown comment says what happened whatever happened (refused, failed, invalid files,
 * partial), with the exit codes CI relies on; {@code roster show} renders a saved plan as plan did.
 */
class PullRequestCommentTest {
  @TempDir Path dir;
  ServedSandbox fake;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.fake();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** {@code live} members on the platform, of whom the files keep {@code kept}, with prune on. */
  void platformAndFiles(int live, int kept, String extra) throws Exception {
    StringBuilder y = new StringBuilder("version: 1\n" + extra
        + "providers:\n  app: { type: fake, url: \"${env:U}\", token: \"${env:T}\", prune: true }\nusers:\n");
    for (int i = 0; i < live; i++) {
      FakeFactory.SANDBOX.put(Map.of("login", "user" + i, "role", "member"));
    }
    for (int i = 0; i < kept; i++) {
      y.append("  user").append(i).append(": { accounts: { app: { role: member } } }\n");
    }
    y.append("  nia: { accounts: { app: { role: admin } } }\n");
    Files.writeString(dir.resolve("roster.yaml"), y.toString());
  }

  @Test
  void aPlanRefusedByAGateShowsTheRefusalFirstWithTheFiguresAndTheOverride() throws Exception {
    platformAndFiles(13, 8, ""); // 5 of 13 deleted: 38%
    CliRun md = CliRun.run(dir, fake.env(), "plan", "--format", "markdown", "--out", "plan.json");
    assertEquals(3, md.exitCode(), md.toString());
    String out = md.out();
    assertTrue(out.startsWith("### Roster plan: refused by a safety gate (1 to create, 0 to update, 5 to delete"), out);
    int refusal = out.indexOf("**Refused by a safety gate.**");
    assertTrue(refusal > 0 && refusal < out.indexOf("| instance |"), "the refusal comes before the plan\n" + out);
    assertTrue(out.contains("'app': 5 of 13 live accounts deleted (38%), more than maxDeletePercent 30"), out);
    assertTrue(out.contains("apply with `--allow-unsafe`"), out);

    CliRun shown = CliRun.run(dir, Map.of(), "show", "plan.json", "--format", "markdown");
    assertEquals(0, shown.exitCode(), shown.toString());
    assertEquals(out, shown.out(), "show renders the saved plan as plan did");

    CliRun allowed = CliRun.run(dir, fake.env(), "plan", "--format", "markdown", "--allow-unsafe");
    assertEquals(0, allowed.exitCode(), allowed.toString());
    assertTrue(allowed.out().startsWith("### Roster plan: 1 to create"), allowed.out());
    assertTrue(allowed.out().contains("**Beyond a safety gate**, allowed by `--allow-unsafe`"), allowed.out());
  }

  @Test
  void aPlanThatCannotBeMadeGivesEachInstancesError() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          chat: { type: fake, url: "${env:U}", token: "${env:BAD}" }
          tracker: { type: fake, url: "${env:U}", token: "${env:BAD}" }
        users:
          alice: { email: alice@example.com, accounts: { chat: {}, tracker: {} } }
        """);
    Map<String, String> bad = Map.of("U", fake.server().url("fake"), "BAD", "not-the-token");
    CliRun md = CliRun.run(dir, bad, "plan", "--format", "markdown");
    assertEquals(1, md.exitCode(), md.toString());
    assertTrue(md.out().startsWith("### Roster plan: could not be made"), md.out());
    assertTrue(md.out().contains("could not read or plan 2 instances"), md.out());
    assertTrue(md.out().contains("```text\ncannot read 'chat': ") && md.out().contains("```text\ncannot read 'tracker': "), md.out());
  }

  @Test
  void filesThatAreNotValidGiveEachProblem() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), "version: 1\nproviders: {}\nusers:\n  alice: { emial: a@example.com }\n");
    CliRun md = CliRun.run(dir, fake.env(), "plan", "--format", "markdown");
    assertEquals(1, md.exitCode(), md.toString());
    assertTrue(md.out().startsWith("### Roster plan: the files are not valid"), md.out());
    assertTrue(md.out().contains("roster.yaml:4:"), md.out());
    assertTrue(fake.server().requests().isEmpty());
  }

  @Test
  void hundredsOfDeletionsAreCountedPerInstanceInTheWarningBox() throws Exception {
    platformAndFiles(300, 0, "safety: { maxDeletePercent: 100 }\n");
    CliRun md = CliRun.run(dir, fake.env(), "plan", "--format", "markdown");
    assertEquals(0, md.exitCode(), md.toString());
    String warning = md.out().substring(md.out().indexOf("> [!WARNING]"), md.out().indexOf("<details>"));
    assertEquals(List.of("> [!WARNING]", "**delete** 300 accounts on app: 300 prune: no file declares this account",
        "**admin grant**: nia on app"), List.of(warning.strip().split("\n> - ")), "one line for the deletions, one for the admin grant");
  }

  @Test
  void skippedAndUndeclaredAccountsAreInTheQuietSectionNotTheWarningBox() throws Exception {
    FakeFactory.SANDBOX.put(Map.of("login", "synced", "role", "member", "readOnly", true));
    FakeFactory.SANDBOX.put(Map.of("login", "stranger", "role", "member"));
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          app: { type: fake, url: "${env:U}", token: "${env:T}" }
        users:
          synced: { accounts: { app: { role: admin } } }
          leaver: { accounts: { app: { ensure: absent } } }
        """);
    FakeFactory.SANDBOX.put(Map.of("login", "leaver", "role", "member"));
    CliRun md = CliRun.run(dir, fake.env(), "plan", "--format", "markdown");
    assertEquals(0, md.exitCode(), md.toString());
    String out = md.out();
    String quiet = out.substring(out.indexOf("<details><summary>Left alone: 1 skipped"));
    assertTrue(quiet.contains("- skipped synced on app: managed elsewhere"), quiet);
    assertTrue(quiet.contains("- 1 on app that no file declares, kept because prune is off: stranger"), quiet);
    String warning = out.substring(out.indexOf("> [!WARNING]"), out.indexOf("<details>"));
    assertTrue(warning.contains("**delete** leaver on app (ensure: absent)"), warning);
    assertFalse(warning.contains("synced") || warning.contains("stranger"), warning);
  }

  @Test
  void aPartialPlanSaysSoInEveryFormatAndThroughTheSavedPlan() throws Exception {
    platformAndFiles(3, 3, "");
    CliRun text = CliRun.run(dir, fake.env(), "plan", "--person", "nia", "--out", "plan.json");
    assertEquals(0, text.exitCode(), text.toString());
    String partial = "Partial plan: only the accounts of nia; nothing else was compared, and accounts no file declares are"
        + " neither listed nor deleted.";
    assertTrue(text.out().startsWith(partial), text.out());
    CliRun md = CliRun.run(dir, Map.of(), "show", "plan.json", "--format", "markdown");
    assertTrue(md.out().contains("> [!NOTE]\n> " + partial), md.out());
    CliRun json = CliRun.run(dir, Map.of(), "show", "plan.json", "--format", "json");
    assertTrue(json.out().contains("\"people\" : [ \"nia\" ]"), json.out());
    CliRun whole = CliRun.run(dir, fake.env(), "plan", "--only", "app", "--format", "markdown");
    assertTrue(whole.out().contains("Partial plan: only the instance app; other instances were not compared."), whole.out());
    CliRun all = CliRun.run(dir, fake.env(), "plan", "--format", "markdown");
    assertFalse(all.out().contains("Partial plan"), all.out());
  }

  @Test
  void showRendersASavedPlanWithoutAnyPlatformOrSecret() throws Exception {
    platformAndFiles(4, 2, "");
    CliRun plan = CliRun.run(dir, fake.env(), "plan", "--out", "plan.json");
    assertEquals(0, plan.exitCode(), plan.toString());
    fake.server().close();
    CliRun shown = CliRun.run(dir, Map.of(), "show", "plan.json");
    assertEquals(0, shown.exitCode(), shown.toString());
    assertEquals(plan.out().substring(0, plan.out().indexOf("Saved to plan.json")), shown.out());
    CliRun byInstance = CliRun.run(dir, Map.of(), "show", "plan.json", "--group-by", "instance");
    assertTrue(byInstance.out().contains("app (fake)\n  + nia"), byInstance.out());

    Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
    CliRun notAPlan = CliRun.run(dir, Map.of(), "show", "other.json");
    assertEquals(1, notAPlan.exitCode(), notAPlan.toString());
    assertTrue(notAPlan.err().contains("not a Roster plan"), notAPlan.err());
  }
}
