package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan beyond a gate is refused with exit 3 naming the gate, unless --allow-unsafe. */
class SafetyGatesTest {
  @TempDir Path dir;
  ServedSandbox fake;

  @BeforeEach
  void start() throws Exception {
    fake = ServedSandbox.fake();
    for (int i = 0; i < 12; i++) {
      FakeFactory.SANDBOX.put(Map.of("login", "user" + i, "role", "member"));
    }
    FakeFactory.SANDBOX.put(Map.of("login", "boss", "role", "admin"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  void manifest(String extra, int keep, String people) throws Exception {
    StringBuilder y = new StringBuilder("version: 1\n" + extra + "providers:\n  app: { type: fake, url: \"${env:U}\", token: \"${env:T}\", prune: true }\nusers:\n");
    y.append("  boss: { accounts: { app: { role: admin } } }\n");
    for (int i = 0; i < keep; i++) {
      y.append("  user").append(i).append(": { accounts: { app: { role: member } } }\n");
    }
    y.append(people);
    Files.writeString(dir.resolve("roster.yaml"), y.toString());
  }

  @Test
  void deletingMoreThanThirtyPercentIsRefusedByDefault() throws Exception {
    manifest("", 7, ""); // 5 of 13 deleted: 38%
    CliRun plan = CliRun.run(dir, fake.env(), "plan");
    assertEquals(3, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("'app': 5 of 13 live accounts deleted (38%), more than maxDeletePercent 30"), plan.err());
    assertTrue(plan.out().indexOf("Attention:") < plan.out().indexOf("- app: user"), "deletions are listed first\n" + plan.out());

    fake.server().clearLog();
    CliRun apply = CliRun.run(dir, fake.env(), "apply", "--auto-approve");
    assertEquals(3, apply.exitCode(), apply.toString());
    assertTrue(fake.server().requests().stream().allMatch(r -> r.startsWith("GET ")), "refused before any write");

    assertEquals(0, CliRun.run(dir, fake.env(), "apply", "--auto-approve", "--allow-unsafe").exitCode());
    assertEquals(8, FakeFactory.SANDBOX.list().size());
  }

  @Test
  void maxDeletesAndMaxAdminGrantsFromTheGlobalDefaults() throws Exception {
    manifest("safety: { maxDeletes: 1, maxAdminGrants: 0 }\n", 10, "  eve: { accounts: { app: { role: admin } } }\n");
    CliRun plan = CliRun.run(dir, fake.env(), "plan", "--out", "plan.json");
    assertEquals(3, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("'app': 2 deletions, more than maxDeletes 1"), plan.err());
    assertTrue(plan.err().contains("'app': 1 admin grants, more than maxAdminGrants 0"), plan.err());
    assertTrue(plan.out().contains("admin  eve becomes an administrator on app"), plan.out());
    // a saved plan carries its gates: applying it is refused the same way
    CliRun apply = CliRun.run(dir, fake.env(), "apply", "plan.json");
    assertEquals(3, apply.exitCode(), apply.toString());
    assertEquals(13, FakeFactory.SANDBOX.list().size());
  }

  @Test
  void aProtectedPersonIsNeverDemotedNorDeleted() throws Exception {
    manifest("protect: [boss, user12]\n", 12, "");
    Files.writeString(dir.resolve("roster.yaml"), Files.readString(dir.resolve("roster.yaml"))
        .replace("boss: { accounts: { app: { role: admin } } }", "boss: { accounts: { app: { role: member } } }"));
    FakeFactory.SANDBOX.put(Map.of("login", "user12", "role", "member"));
    CliRun plan = CliRun.run(dir, fake.env(), "plan", "--detailed-exitcode");
    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("app: skipped boss: protected: an administrator is never demoted"), plan.out());
    assertTrue(plan.out().contains("app: skipped user12: protected"), plan.out());
  }
}
