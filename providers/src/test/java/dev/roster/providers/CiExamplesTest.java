package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CI examples users copy, and Roster's GitHub Action, read as GitHub and GitLab read them (YAML),
 * with the structure that matters: a pinned release installed with its checksum checked (never a
 * clone and a Maven build), one plan shown by 'roster show', applies one at a time, state files
 * committed back without starting another apply, a daily drift check, a daily apply of main in the
 * apply's concurrency group. .ci/run lints the workflows with actionlint.
 */
class CiExamplesTest {
  static final Path ROOT = Path.of("..");
  static final Path GITHUB = ROOT.resolve("examples/github-actions");
  static final Path ACTION = ROOT.resolve(".github/actions/roster/action.yml");
  static final Pattern ACTION_REF = Pattern.compile("^roster-dev/roster/\\.github/actions/roster@v(\\d+\\.\\d+\\.\\d+)$");

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) throws Exception {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    assertTrue(doc instanceof Map, file + " is a YAML mapping");
    return (Map<String, Object>) doc;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String what) {
    assertTrue(o instanceof Map, what + " is a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Map<String, Object> workflow) {
    List<Map<String, Object>> out = new ArrayList<>();
    map(workflow.get("jobs"), "jobs").values().forEach(job -> out.addAll((List<Map<String, Object>>) map(job, "a job").get("steps")));
    return out;
  }

  static String runs(List<Map<String, Object>> steps) {
    StringBuilder out = new StringBuilder();
    steps.forEach(s -> out.append(s.getOrDefault("run", "")).append('\n'));
    return out.toString();
  }

  static Map<String, Object> workflow(String name) throws Exception {
    return yaml(GITHUB.resolve(name));
  }

  /** The triggers: SnakeYAML reads the bare key 'on' as YAML 1.1's true; GitHub reads it as "on". */
  static Map<String, Object> triggers(Map<String, Object> workflow) {
    return map(workflow.containsKey("on") ? workflow.get("on") : ((Map<?, ?>) workflow).get(Boolean.TRUE), "on");
  }

  @Test
  void everyGitHubWorkflowInstallsAPinnedReleaseThroughTheAction() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(GITHUB)) {
      files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
    assertEquals(List.of("roster-apply.yml", "roster-daily.yml", "roster-drift.yml", "roster-plan.yml"), files.stream().map(p -> p.getFileName().toString()).toList());
    for (Path file : files) {
      List<Map<String, Object>> steps = steps(yaml(file));
      List<Map<String, Object>> roster = steps.stream().filter(s -> String.valueOf(s.get("uses")).contains("actions/roster@")).toList();
      assertEquals(1, roster.size(), file + ": Roster's action, once");
      Matcher ref = ACTION_REF.matcher(String.valueOf(roster.get(0).get("uses")));
      assertTrue(ref.matches(), file + ": the action by path and tag: " + roster.get(0).get("uses"));
      assertEquals(ref.group(1), String.valueOf(map(roster.get(0).get("with"), "with").get("version")), file + ": the tag's version, pinned");
      String runs = runs(steps);
      assertFalse(runs.contains("git clone") || runs.contains("mvn "), file + " builds Roster instead of installing it");
      assertTrue(steps.stream().noneMatch(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java")), file + ": no Java setup needed");
    }
  }

  @Test
  void thePlanWorkflowPlansThroughTheActionOnPullRequests() throws Exception {
    Map<String, Object> plan = workflow("roster-plan.yml");
    assertTrue(triggers(plan).containsKey("pull_request"));
    assertEquals("write", map(plan.get("permissions"), "permissions").get("pull-requests"));
    Map<String, Object> with = map(steps(plan).stream().filter(s -> String.valueOf(s.get("uses")).contains("actions/roster@"))
        .findFirst().orElseThrow().get("with"), "the action's inputs");
    assertEquals("plan", with.get("command"));
  }

  @Test
  void theApplyWorkflowAppliesOneAtATimeAndCommitsTheStateFilesWithoutAnotherApply() throws Exception {
    Map<String, Object> apply = workflow("roster-apply.yml");
    assertEquals(List.of("main"), map(triggers(apply).get("push"), "push").get("branches"));
    Map<String, Object> concurrency = map(apply.get("concurrency"), "concurrency");
    assertNotNull(concurrency.get("group"));
    assertEquals(false, concurrency.get("cancel-in-progress"), "a waiting apply is not cancelled");
    assertEquals("write", map(apply.get("permissions"), "permissions").get("contents"));
    List<Map<String, Object>> steps = steps(apply);
    assertTrue(runs(steps).contains("roster apply --auto-approve --report report.json"));
    Map<String, Object> commit = steps.stream().filter(s -> String.valueOf(s.get("run")).contains("git push")).findFirst().orElseThrow();
    assertTrue(String.valueOf(commit.get("if")).startsWith("always()"), "after a partly failed apply too");
    assertTrue(String.valueOf(commit.get("run")).contains("[skip ci]"));
    assertTrue(steps.stream().anyMatch(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact")
        && "report.json".equals(map(s.get("with"), "with").get("path"))), "the report as an artifact");
  }

  @Test
  void theDriftCheckRunsDailyWithTheDetailedExitCode() throws Exception {
    Map<String, Object> drift = workflow("roster-drift.yml");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> schedule = (List<Map<String, Object>>) triggers(drift).get("schedule");
    assertTrue(String.valueOf(schedule.get(0).get("cron")).matches("\\d+ \\d+ \\* \\* \\*"), "daily: " + schedule);
    assertTrue(runs(steps(drift)).contains("roster plan --detailed-exitcode"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDailyApplyAppliesMainOnScheduleAndNeverBesideAnotherApply() throws Exception {
    Map<String, Object> daily = workflow("roster-daily.yml");
    Map<String, Object> on = triggers(daily);
    List<Map<String, Object>> schedule = (List<Map<String, Object>>) on.get("schedule");
    assertTrue(String.valueOf(schedule.get(0).get("cron")).matches("\\d+ \\d+ \\* \\* \\*"), "daily: " + schedule);
    assertTrue(on.containsKey("workflow_dispatch"), "and by hand");
    assertFalse(on.containsKey("push") || on.containsKey("pull_request"), "only on schedule or by hand: " + on.keySet());
    Map<String, Object> concurrency = map(daily.get("concurrency"), "concurrency");
    assertEquals(map(workflow("roster-apply.yml").get("concurrency"), "concurrency").get("group"), concurrency.get("group"),
        "the apply workflow's group: two applies never overlap");
    assertEquals(false, concurrency.get("cancel-in-progress"), "a running apply is never cancelled");
    assertEquals("write", map(daily.get("permissions"), "permissions").get("contents"));
    Map<String, Object> job = map(map(daily.get("jobs"), "jobs").get("apply"), "the apply job");
    assertEquals("github.ref == 'refs/heads/main'", job.get("if"), "main only, also by hand");
    List<Map<String, Object>> steps = steps(daily);
    assertTrue(runs(steps).contains("roster apply --auto-approve --report report.json"));
    assertTrue(steps.stream().noneMatch(s -> s.containsKey("continue-on-error")), "a failed apply fails the job");
    Map<String, Object> commit = steps.stream().filter(s -> String.valueOf(s.get("run")).contains("git push")).findFirst().orElseThrow();
    assertTrue(String.valueOf(commit.get("if")).startsWith("always()"), "after a partly failed apply too");
    assertTrue(String.valueOf(commit.get("run")).contains("[skip ci]"));
  }

  @Test
  void theActionInstallsWithAChecksumAndCacheAndPlansOnce() throws Exception {
    Map<String, Object> action = yaml(ACTION);
    assertEquals(true, map(map(action.get("inputs"), "inputs").get("version"), "version").get("required"));
    Map<String, Object> runs = map(action.get("runs"), "runs");
    assertEquals("composite", runs.get("using"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) runs.get("steps");
    String scripts = runs(steps);
    assertTrue(scripts.contains("sha256sum -c"), "the checksum is checked");
    assertTrue(steps.stream().anyMatch(s -> String.valueOf(s.get("uses")).startsWith("actions/cache@")), "the release is cached");
    assertEquals(1, Pattern.compile("(?m)^\\s*roster plan ").matcher(scripts).results().count(), "one plan:\n" + scripts);
    assertTrue(scripts.contains("--out \"$out/plan.json\"") && scripts.contains("roster show \"$out/plan.json\""));
    assertTrue(scripts.contains("rm \"$out/plan.json\""), "with --redact-pii, the unredacted plan is not uploaded");
    steps.forEach(s -> assertFalse(String.valueOf(s.getOrDefault("run", "")).contains("${{"),
        "expressions reach scripts through env only: " + s.get("name")));
    String comment = String.valueOf(map(steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/github-script"))
        .findFirst().orElseThrow().get("with"), "with").get("script"));
    assertTrue(comment.contains("if (!plan)") && comment.contains("updateComment"), "one comment, never emptied:\n" + comment);
  }

  @Test
  void theGitLabExampleDoesTheSameWithOneMergeRequestNote() throws Exception {
    Map<String, Object> gitlab = yaml(ROOT.resolve("examples/gitlab-ci.yml"));
    assertTrue(String.valueOf(map(gitlab.get("variables"), "variables").get("ROSTER_VERSION")).matches("\\d+\\.\\d+\\.\\d+"), "pinned");
    String all = Files.readString(ROOT.resolve("examples/gitlab-ci.yml"));
    assertFalse(all.contains("git clone") || all.contains("mvn "), "installs a release, builds nothing");
    assertTrue(String.valueOf(map(gitlab.get(".roster"), ".roster").get("before_script")).contains("sha256sum -c"));
    String plan = String.valueOf(map(gitlab.get("roster-plan"), "roster-plan").get("script"));
    assertTrue(plan.contains("roster plan --out plan/plan.json") && plan.contains("roster show plan/plan.json"), plan);
    assertTrue(plan.contains("-X PUT") && plan.contains("[ -s plan/comment.md ]"), "one note, updated, never empty");
    Map<String, Object> apply = map(gitlab.get("roster-apply"), "roster-apply");
    assertNotNull(apply.get("resource_group"), "one apply at a time");
    assertTrue(String.valueOf(apply.get("script")).contains("git push -o ci.skip"), "state files pushed without a pipeline");
    assertTrue(String.valueOf(map(gitlab.get("roster-drift"), "roster-drift").get("script")).contains("--detailed-exitcode"));
    assertTrue(String.valueOf(map(gitlab.get("roster-drift"), "roster-drift").get("rules")).contains("schedule"));
    // the daily apply: roster-apply's script and resource_group, on the schedule that asks for it only
    Map<String, Object> daily = map(gitlab.get("roster-daily"), "roster-daily");
    assertEquals("roster-apply", daily.get("extends"));
    assertFalse(daily.containsKey("resource_group") || daily.containsKey("script"), "inherited from roster-apply");
    String dailyRules = String.valueOf(daily.get("rules"));
    assertTrue(dailyRules.contains("$CI_PIPELINE_SOURCE == \"schedule\"") && dailyRules.contains("$ROSTER_SCHEDULE == \"apply\"")
        && dailyRules.contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"), dailyRules);
    assertTrue(String.valueOf(map(gitlab.get("roster-drift"), "roster-drift").get("rules")).contains("$ROSTER_SCHEDULE != \"apply\""),
        "the apply schedule does not also run the drift check");
  }
}
