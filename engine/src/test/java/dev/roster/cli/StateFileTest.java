package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxResponse;
import dev.roster.sandbox.SandboxServer;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.FakeSandbox;
import dev.roster.testing.HandlerSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platforms that cannot be read are diffed against a state file of what Roster applied. */
class StateFileTest {
  @TempDir Path dir;
  SandboxServer server;
  Map<String, String> env;
  /** Fails every write after this many, as a platform falling over mid-apply would. */
  final AtomicInteger writesAllowed = new AtomicInteger(Integer.MAX_VALUE);

  @BeforeEach
  void start() throws Exception {
    FakeFactory.SANDBOX.reset();
    SandboxApi faulty = new HandlerSandbox("blindfake", r -> {
      if (!r.method().equals("GET") && writesAllowed.getAndDecrement() <= 0) {
        return SandboxResponse.json(400, Map.of("error", "the platform fell over"));
      }
      return FakeFactory.SANDBOX.handle(r);
    });
    server = new SandboxServer(0, 0, List.of(faulty));
    env = Map.of("U", server.url("blindfake"), "T", FakeSandbox.TOKEN, "PW", "pw-1234567");
    manifest(List.of("alice", "bob", "carol", "dave"));
  }

  void manifest(List<String> people) throws Exception {
    StringBuilder y = new StringBuilder("""
        version: 1
        providers:
          mail: { type: blindfake, url: "${env:U}", token: "${env:T}", state: state/mail.json, prune: true }
        users:
        """);
    for (String p : people) {
      y.append("  ").append(p).append(": { accounts: { mail: { role: member, password: \"${env:PW}\" } } }\n");
    }
    Files.writeString(dir.resolve("roster.yaml"), y.toString());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void withoutAStateFileEverythingIsASetThenTheNextPlanIsEmpty() throws Exception {
    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan.toString());
    assertTrue(plan.out().contains("blindfake cannot be read: this plan compares the files with what Roster last applied"), plan.out());
    assertTrue(plan.out().contains("no state file yet: every declared value is planned as a set"), plan.out());
    assertTrue(plan.out().contains("4 to create"), plan.out());

    assertEquals(0, CliRun.run(dir, env, "apply", "--auto-approve").exitCode());
    String state = Files.readString(dir.resolve("state/mail.json"));
    assertTrue(state.contains("\"formatVersion\" : 1") && state.contains("\"alice\""), state);
    assertFalse(state.contains("pw-1234567") || state.contains("password"), "no secrets in state\n" + state);

    CliRun.assertNoChanges(dir, env);

    CliRun refresh = CliRun.run(dir, env, "plan", "--refresh-state");
    assertTrue(refresh.out().contains("4 to create") && refresh.out().contains("--refresh-state"), refresh.out());

    manifest(List.of("alice", "bob", "carol"));
    CliRun prune = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, prune.exitCode(), prune.toString());
    assertTrue(prune.out().contains("- mail: dave"), prune.out());
    assertFalse(Files.readString(dir.resolve("state/mail.json")).contains("\"dave\""));
  }

  @Test
  void aCrashMidApplyLeavesExactlyTheAppliedChangesInTheStateAndARerunConverges() throws Exception {
    writesAllowed.set(2);
    CliRun apply = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(4, apply.exitCode(), apply.toString());
    var recorded = Json.MAPPER.readTree(Files.readString(dir.resolve("state/mail.json"))).path("accounts");
    List<String> applied = FakeFactory.SANDBOX.list().stream().map(a -> (String) a.get("login")).sorted().toList();
    assertEquals(2, applied.size());
    assertEquals(applied, recorded.propertyNames().stream().sorted().toList(), "state holds exactly what succeeded");

    writesAllowed.set(Integer.MAX_VALUE);
    CliRun rerun = CliRun.run(dir, env, "apply", "--auto-approve");
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertTrue(rerun.out().contains("Applied 2, failed 0"), "only the two that failed are sent again\n" + rerun.out());
    CliRun.assertNoChanges(dir, env);
  }
}
