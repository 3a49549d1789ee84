package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The GitHub Action's "Plan" step ({@code id: plan} in {@code .github/actions/roster/action.yml}), run as
 * the runner runs it: its {@code run:} text, read from the file users copy, by
 * {@code bash --noprofile --norc -eo pipefail} (what {@code shell: bash} means on GitHub), with the
 * step's {@code env:} keys set from the inputs, RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, in a
 * checkout holding the sandbox example, with the release archive's bin/roster on the PATH (the linux-x64
 * archive, the one the action installs on Linux x64 runners) and the platforms served by the in-process
 * sandbox.
 */
class ActionPlanStepIT {
  static final Path ACTION = Path.of("..", ".github", "actions", "roster", "action.yml");
  /** An e-mail address as written: a masked one ({@code a…@example.com}) is not one. */
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  static Path bash;
  static Path roster;
  static String script;
  static Set<String> envKeys;

  @TempDir static Path installed;
  @TempDir Path dir;
  Path checkout;

  @BeforeAll
  static void install() throws Exception {
    bash = Stream.of("/bin/bash", "/usr/bin/bash").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(bash != null, "no bash here: the action's steps are bash");
    Map<String, Object> step = planStep();
    assertEquals("bash", step.get("shell"), "the step is run by bash, as 'shell: bash': the flags below are that shell's");
    script = (String) step.get("run");
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) step.get("env");
    envKeys = env.keySet();
    assertEquals(Set.of("ARGS", "REDACT"), envKeys, "the step's inputs, which this test sets");
    roster = ReleaseArchivesIT.unpack(installed, ReleaseArchivesIT.NAME + "-linux-x64.tar.gz");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> planStep() throws Exception {
    Map<String, Object> action = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ACTION));
    List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
    return steps.stream().filter(s -> "plan".equals(s.get("id"))).findFirst().orElseThrow();
  }

  @BeforeEach
  void checkout() throws Exception {
    checkout = Files.createDirectories(dir.resolve("checkout"));
    Files.copy(Path.of("..", "examples", "sandbox", "roster.yaml"), checkout.resolve("roster.yaml"));
  }

  @Test
  void pendingChangesGiveExitCode2TheMarkdownCommentTheTextPlanAndTheSummary() throws Exception {
    Step step = runStep("-f roster.yaml --detailed-exitcode", "false");
    assertEquals(Map.of("exit-code", "2", "directory", step.out().toString()), step.outputs(), step.toString());

    String comment = step.file("comment.md");
    assertTrue(comment.startsWith("### Roster plan: ") && comment.contains(" to create, "), comment);
    assertTrue(comment.contains("```diff\n~ support: alice@example.com"), comment);
    String text = step.file("plan.txt");
    assertTrue(text.contains("\nalice\n  ~ support: alice@example.com"), text);
    assertFalse(text.contains("###") || text.contains("```"), "the text plan, not the markdown one\n" + text);
    assertTrue(step.log().contains(text), "the text plan is in the log\n" + step);
    assertEquals(comment, step.summary(), "the job summary is the comment");
    assertTrue(step.file("plan.json").contains("\"formatVersion\""), "the whole plan is kept, for apply");
    assertFalse(Files.exists(step.out().resolve("plan.redacted.json")));
  }

  @Test
  void redactPiiKeepsOnlyRedactedRenderingsWithNoEmailAddress() throws Exception {
    Set<String> people = peoplesEmails(checkout.resolve("roster.yaml"));
    assertTrue(people.containsAll(Set.of("alice@example.com", "bob@example.com")), people.toString());
    // without redact-pii the same plan shows them, so that their absence below is the redaction's doing
    Step plain = runStep("-f roster.yaml --detailed-exitcode", "false");
    String plainComment = plain.file("comment.md");
    String plainJson = plain.file("plan.json");
    people.forEach(e -> assertTrue(plainComment.contains(e) && plainJson.contains(e), e));

    Step step = runStep("-f roster.yaml --detailed-exitcode", "true");
    assertEquals(Map.of("exit-code", "2", "directory", step.out().toString()), step.outputs(), step.toString());
    assertFalse(Files.exists(step.out().resolve("plan.json")), "the plan with personal data is removed");
    String redacted = step.file("plan.redacted.json");
    assertTrue(redacted.contains("\"redacted\" : true") && redacted.contains("a…@example.com"), redacted);
    people.forEach(e -> assertFalse(redacted.contains(e), "plan.redacted.json holds " + e));
    assertFalse(redacted.contains("carol@example.com"), "plan.redacted.json holds a live account's address");
    String comment = step.file("comment.md");
    assertTrue(comment.startsWith("### Roster plan: ") && comment.contains("a…@example.com"), comment);
    // the redacted plan included: the instances' protect lists travel in it and name admins by e-mail
    for (String shown : List.of(redacted, comment, step.file("plan.txt"), step.summary(), step.log())) {
      assertEquals(List.of(), emails(shown), "an e-mail address in the redacted plan, the comment, the text plan, the summary or the log\n" + shown);
    }
  }

  @Test
  void aYamlErrorGivesExitCode1AndACommentSayingSo() throws Exception {
    Files.writeString(checkout.resolve("roster.yaml"), "version: 1\nusers:\n  alice: { email: alice@example.com\n");
    Step step = runStep("-f roster.yaml", "false");
    assertEquals(Map.of("exit-code", "1", "directory", step.out().toString()), step.outputs(), step.toString());
    String comment = step.file("comment.md");
    assertTrue(comment.startsWith("### Roster plan: ") && comment.contains("roster.yaml:4:1"), comment);
    assertEquals(comment, step.summary());
    assertFalse(Files.exists(step.out().resolve("plan.json")));
  }

  @Test
  void whenRosterPrintsNoCommentTheFallbackSaysItFailed() throws Exception {
    Step step = runStep("-f roster.yaml --no-such-option", "false");
    assertEquals(Map.of("exit-code", "1", "directory", step.out().toString()), step.outputs(), step.toString());
    String comment = step.file("comment.md");
    assertEquals("### Roster plan: failed (exit 1)\n\nRoster printed no plan: see the job log.\n", comment);
    assertEquals(comment, step.summary());
  }

  /** What one run of the step left: its exit status, its log, and the files the runner reads. */
  record Step(int code, String log, Path temp, Path output, Path summaryFile) {
    Path out() {
      return temp.resolve("roster-plan");
    }

    String file(String name) throws Exception {
      Path file = out().resolve(name);
      assertTrue(Files.isRegularFile(file), name + " in " + out() + "\n" + this);
      return Files.readString(file);
    }

    String summary() throws Exception {
      return Files.readString(summaryFile);
    }

    /** GITHUB_OUTPUT's name=value lines; a name set twice fails. */
    Map<String, String> outputs() throws Exception {
      Map<String, String> outputs = new LinkedHashMap<>();
      for (String line : Files.readAllLines(output)) {
        int eq = line.indexOf('=');
        assertTrue(eq > 0, "a name=value line: " + line);
        assertEquals(null, outputs.put(line.substring(0, eq), line.substring(eq + 1)), "set twice: " + line);
      }
      return outputs;
    }

    @Override
    public String toString() {
      return "step exit " + code + "\n--- log\n" + log;
    }
  }

  /** Runs the step's script once, with the platforms served, and asserts the step itself succeeded. */
  private Step runStep(String args, String redact) throws Exception {
    Path temp = Files.createTempDirectory(dir, "runner temp ");
    Path output = Files.createFile(temp.resolve("github_output"));
    Path summary = Files.createFile(temp.resolve("step_summary"));
    Path bin = Files.createTempDirectory(dir, "bin");
    Files.createSymbolicLink(bin.resolve("roster"), roster);
    Path log = Files.createTempFile(dir, "log", ".txt");

    Map<String, String> inputs = Map.of("ARGS", args, "REDACT", redact);
    ProcessBuilder pb = new ProcessBuilder(bash.toString(), "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
        .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    env.put("LANG", "C.UTF-8"); // as on GitHub's runners: the masks' "…" stays one
    env.put("RUNNER_TEMP", temp.toString());
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    envKeys.forEach(k -> env.put(k, inputs.get(k)));
    int code;
    try (DemoPlatforms platforms = DemoPlatforms.start()) {
      env.putAll(platforms.env());
      code = pb.start().waitFor();
    }
    Step step = new Step(code, Files.readString(log), temp, output, summary);
    assertEquals(0, code, "the step succeeds, so that the upload, the comment and the exit-code check run after it\n" + step);
    return step;
  }

  /** The e-mail addresses under the manifest's users (its people's), not the instances' settings. */
  private static Set<String> peoplesEmails(Path manifest) throws Exception {
    Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(manifest));
    return new LinkedHashSet<>(emails(new Yaml().dump(doc.get("users"))));
  }

  private static List<String> emails(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
