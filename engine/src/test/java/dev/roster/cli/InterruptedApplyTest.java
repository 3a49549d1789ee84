package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.FakeSandbox;
import dev.roster.testing.HandlerSandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply in a process of its own, as CI runs it, stopped by a signal (a cancelled job sends
 * SIGTERM; Ctrl-C, SIGINT) or run twice at once. The platform holds the first create until the test
 * lets it go, so that "in flight" is a fact, not a matter of timing.
 */
class InterruptedApplyTest {
  /** Generous: only a broken build waits this long; a working one moves on as soon as the line comes. */
  private static final long PATIENCE_SECONDS = 120;

  @TempDir Path dir;
  SandboxServer server;
  Map<String, String> env;
  final CountDownLatch firstCreateArrived = new CountDownLatch(1);
  final CountDownLatch releaseCreates = new CountDownLatch(1);
  final AtomicInteger creates = new AtomicInteger();
  Process apply;

  @BeforeEach
  void start() throws Exception {
    FakeFactory.SANDBOX.reset();
    server = new SandboxServer(0, 0, List.of(new HandlerSandbox("fake", request -> {
      if (request.method().equals("POST")) {
        creates.incrementAndGet();
        firstCreateArrived.countDown();
        try {
          releaseCreates.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return FakeFactory.SANDBOX.handle(request);
    })));
    env = Map.of("FAKE_URL", server.url("fake"), "FAKE_TOKEN", FakeSandbox.TOKEN);
    Files.writeString(dir.resolve("roster.yaml"), """
        version: 1
        providers:
          app: { type: fake, url: "${env:FAKE_URL}", token: "${env:FAKE_TOKEN}", concurrency: 1 }
        users:
          alice: { accounts: { app: {} } }
          bob: { accounts: { app: {} } }
          carol: { accounts: { app: {} } }
        """);
  }

  @AfterEach
  void stop() {
    releaseCreates.countDown();
    if (apply != null) {
      apply.destroyForcibly();
    }
    server.close();
  }

  /** {@code roster ARGS} in a new JVM, its standard error read line by line into a queue. */
  private BlockingQueue<String> launch(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    apply = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(apply.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          lines.add(line);
        }
      } catch (java.io.IOException ended) {
        // the process is gone
      }
    });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** SIGTERM, sent with kill(1): in a test JVM, Process.destroy() did not reach the handler. */
  private void terminate() throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(apply.pid())).inheritIO().start().waitFor());
  }

  private static String awaitLine(BlockingQueue<String> lines, String fragment) throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.poll(PATIENCE_SECONDS, TimeUnit.SECONDS)) != null; ) {
      seen.append(line).append('\n');
      if (line.contains(fragment)) {
        return seen.toString();
      }
    }
    throw new AssertionError("no line with '" + fragment + "' on standard error:\n" + seen);
  }

  private static String rest(BlockingQueue<String> lines) {
    StringBuilder rest = new StringBuilder();
    lines.forEach(l -> rest.append(l).append('\n'));
    return rest.toString();
  }

  @Test
  void theFirstSignalLetsTheChangeInFlightFinishRecordsItAndStartsNoOther() throws Exception {
    BlockingQueue<String> err = launch("apply", "--auto-approve", "--report", "report.json");
    assertTrue(firstCreateArrived.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first create never arrived");

    terminate(); // as a cancelled CI job does
    awaitLine(err, "interrupting: no new change is started; waiting for the 1 in flight");
    releaseCreates.countDown();

    assertTrue(apply.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS));
    assertEquals(130, apply.exitValue());
    awaitLine(err, "interrupted: 1 applied, 0 failed, 2 not started; run apply again");
    assertEquals(1, creates.get(), "no change was started after the signal");
    assertEquals(1, FakeFactory.SANDBOX.list().size());
    var report = Json.MAPPER.readTree(Files.readString(dir.resolve("report.json")));
    assertEquals(1, report.path("summary").path("applied").asInt(), report.toString());
    assertEquals(2, report.path("summary").path("skipped").asInt(), report.toString());
  }

  @Test
  void aSecondSignalExitsAtOnceNamingWhatMayHaveBeenInFlight() throws Exception {
    BlockingQueue<String> err = launch("apply", "--auto-approve");
    assertTrue(firstCreateArrived.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first create never arrived");
    terminate();
    awaitLine(err, "interrupting:");

    terminate();

    assertTrue(apply.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS), "the second signal did not end the run");
    assertEquals(130, apply.exitValue());
    String said = awaitLine(err, "may have been in flight");
    assertTrue(said.matches("(?s).*in flight and may have been carried out by the platform: app: \\+ (alice|bob|carol)\\..*"), said);
  }

  @Test
  void aSecondApplyOfTheSameFilesRefusesNamingTheFirstAndSendsNothing() throws Exception {
    BlockingQueue<String> err = launch("apply", "--auto-approve");
    assertTrue(firstCreateArrived.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first create never arrived");

    CliRun second = CliRun.run(dir, env, "apply", "--auto-approve");

    assertEquals(1, second.exitCode(), second.toString());
    assertTrue(second.err().contains("another apply is running on " + dir.resolve("roster.yaml").toRealPath()), second.err());
    assertTrue(second.err().contains("by process " + apply.pid() + " on "), second.err());
    assertEquals(1, creates.get(), "the second run sent no create");
    releaseCreates.countDown();
    assertTrue(apply.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, apply.exitValue(), rest(err));
    assertEquals(3, creates.get());
  }

  @Test
  void aLockLeftByAKilledRunIsTakenOverWithAWarning() throws Exception {
    launch("apply", "--auto-approve");
    assertTrue(firstCreateArrived.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the first create never arrived");
    apply.destroyForcibly(); // kill -9: no chance to clean up
    apply.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
    releaseCreates.countDown();

    CliRun next = CliRun.run(dir, env, "apply", "--auto-approve");

    assertEquals(0, next.exitCode(), next.toString());
    assertTrue(next.err().contains("warning: took over the lock on " + dir.resolve("roster.yaml").toRealPath()
        + " left by a run that did not finish"), next.err());
  }
}
