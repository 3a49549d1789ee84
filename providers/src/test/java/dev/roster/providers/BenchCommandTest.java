package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roster bench} on a few people: every phase is printed, and its figures hang together (the
 * bound is a lower bound, the ratio is wall over bound, the no-latency runs have no bound). It
 * checks the measurement, not the machine: no time limit is asserted.
 */
class BenchCommandTest {
  private static final Pattern ROW = Pattern.compile(
      "^(\\S.*?)\\s+([0-9.]+)\\s+(\\d+)\\s+([0-9.]+)\\s+(\\S+)\\s+(\\d+) MiB\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)$", Pattern.MULTILINE);

  @TempDir Path dir;

  record Row(String phase, double wall, int requests, double bound, String ratio, double jit) {}

  @Test
  void everyPhaseIsPrintedWithABoundItCannotBeat() {
    CliRun run = CliRun.run(dir, Map.of(), "bench", "--people", "20", "--latency", "5", "--apply-concurrency", "8",
        "--plan-warm-up", "1", "--plan-runs", "2");
    assertEquals(0, run.exitCode(), run.toString());
    assertFalse(run.out().contains("(exit"), "every phase succeeds:\n" + run.out());
    assertTrue(run.out().contains("concurrency 16 (apply: 8)"), run.out());
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(run.out());
    while (m.find()) {
      rows.add(new Row(m.group(1), Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3)),
          Double.parseDouble(m.group(4)), m.group(5), Double.parseDouble(m.group(9))));
    }
    assertEquals(List.of("apply (create all)", "plan, warm-up #1", "plan (no changes) #1", "plan (no changes) #2",
        "plan, 0 ms latency #1", "plan, 0 ms latency #2", "plan, 0 ms latency #3"),
        rows.stream().map(Row::phase).toList(), run.out());

    Row apply = rows.get(0);
    assertTrue(apply.requests() >= 20 * 5, "at least one request per account created: " + apply);
    Row plan = rows.get(2);
    assertTrue(plan.requests() < apply.requests() / 5, "the plan reads in bulk, not per account: " + plan);
    for (Row timed : List.of(apply, rows.get(1), plan, rows.get(3))) {
      assertTrue(timed.bound() > 0, timed.toString());
      // the bound counts only unavoidable round trips: a phase can never beat it
      assertTrue(timed.wall() >= timed.bound(), timed.toString());
      // the ratio is worked out before rounding: it lies within what the printed figures allow
      double ratio = Double.parseDouble(timed.ratio());
      assertTrue(ratio >= (timed.wall() - 0.005) / (timed.bound() + 0.005) - 0.005
          && ratio <= (timed.wall() + 0.005) / (timed.bound() - 0.005) + 0.005, timed.toString());
    }
    for (Row noLatency : rows.subList(4, 7)) {
      assertEquals(plan.requests(), noLatency.requests(), "the same plan: " + noLatency);
      assertEquals(0, noLatency.bound(), 0, noLatency.toString());
      assertEquals("-", noLatency.ratio(), noLatency.toString());
    }
    assertTrue(run.out().contains("loading and checking the manifest (100 accounts) alone:"), run.out());
    // the JIT's compile time is measured, not left at zero: a fresh apply and plan make it compile
    assertTrue(rows.stream().mapToDouble(Row::jit).sum() > 0, run.out());
  }

  @Test
  void thePeopleCanBeSplitOverTheFilesOfADirectory() {
    CliRun run = CliRun.run(dir, Map.of(), "bench", "--people", "20", "--latency", "0", "--files", "3",
        "--plan-warm-up", "0", "--plan-runs", "1");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("people 20 (in 3 files)"), run.out());
    assertFalse(run.out().contains("(exit"), "apply and plan read the directory:\n" + run.out());
    assertTrue(run.out().contains("loading and checking the manifest (100 accounts) alone:"), run.out());
    assertWorkingFilesRemoved(run);
  }

  @Test
  void theEngineAloneTimesEachStepAndGivesTheMedian() {
    CliRun run = CliRun.run(dir, Map.of(), "bench", "--engine-only", "--people", "200", "--instances", "2");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("200 people x 2 "), run.out());
    // two accounts in a hundred are missing from the live list: the plan creates them, on every run
    Matcher runs = Pattern.compile("run (\\d+): [0-9.]+ s .*?, (\\d+) changes").matcher(run.out());
    int count = 0;
    while (runs.find()) {
      count++;
      assertEquals("4", runs.group(2), runs.group());
    }
    assertEquals(10, count, run.out());
    assertTrue(run.out().contains("median after warm-up:"), run.out());
    assertWorkingFilesRemoved(run);
  }

  /** Each run writes its manifests to a directory of its own, which it must not leave behind (1.4 MB a plan of 10,000 people). */
  private static void assertWorkingFilesRemoved(CliRun run) {
    Matcher files = Pattern.compile("working files: (.+) \\(removed at the end\\)").matcher(run.out());
    assertTrue(files.find(), run.out());
    Path working = Path.of(files.group(1));
    assertTrue(working.isAbsolute(), working.toString());
    assertFalse(java.nio.file.Files.exists(working), working + " is still there");
  }
}
