package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.SandboxApi;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.ProviderFactory;
import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the roster commands of the CI examples (not the CI services) against every sandbox, with the
 * sandbox example manifest: the pull-request commands, then the main-branch ones.
 */
class CiExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final Pattern COMMAND = Pattern.compile("^\\s*(?:-\\s+)?roster (.+?)\\s*$", Pattern.MULTILINE);

  @TempDir Path dir;

  static List<String> commands(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = COMMAND.matcher(Files.readString(file));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theWorkflowsCommandsRunAgainstTheSandboxes() throws Exception {
    List<SandboxApi> apis = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
        .map(ProviderFactory::sandbox).flatMap(Optional::stream).toList();
    for (Path workflow : List.of(EXAMPLES.resolve("github-actions/roster-plan.yml"),
        EXAMPLES.resolve("github-actions/roster-apply.yml"), EXAMPLES.resolve("gitlab-ci.yml"))) {
      apis.forEach(a -> {
        a.reset();
        a.seedDemo();
      });
      Path work = Files.createDirectories(dir.resolve(workflow.getFileName().toString()));
      Files.copy(EXAMPLES.resolve("sandbox/roster.yaml"), work.resolve("roster.yaml"));
      try (SandboxServer server = new SandboxServer(0, 0, apis)) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
        apis.forEach(a -> env.putAll(a.environment()));
        List<String> commands = commands(workflow);
        assertFalse(commands.isEmpty(), workflow.toString());
        for (String command : commands) {
          String[] redirect = command.split(" > ");
          CliRun run = CliRun.run(work, env, redirect[0].trim().split("\\s+"));
          assertEquals(0, run.exitCode(), workflow + ": roster " + command + "\n" + run);
          if (redirect.length > 1) {
            Files.writeString(work.resolve(redirect[1].trim()), run.out());
          }
        }
      }
      if (workflow.toString().endsWith("roster-plan.yml")) {
        assertTrue(Files.readString(work.resolve("plan.md")).startsWith("### Roster plan:"));
        assertTrue(Files.readString(work.resolve("plan.json")).contains("\"formatVersion\""));
      } else {
        assertTrue(Files.readString(work.resolve("report.json")).contains("\"outcome\" : \"applied\""));
      }
    }
  }
}
