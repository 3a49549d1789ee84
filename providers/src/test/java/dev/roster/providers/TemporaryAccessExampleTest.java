package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dated example works as copied: it is valid, and planned against the demo's platforms it renames
 * alice on each of them instead of replacing her accounts, and suspends instead of deleting.
 */
class TemporaryAccessExampleTest {
  static final Path EXAMPLE = Path.of("..", "examples", "temporary-access").toAbsolutePath().normalize();

  DemoPlatforms platforms;

  @BeforeEach
  void start() throws Exception {
    platforms = DemoPlatforms.start();
  }

  @AfterEach
  void stop() {
    platforms.close();
  }

  @Test
  void theExampleIsValidAndRenamesAliceInPlace() {
    Map<String, String> env = platforms.env();
    CliRun validate = CliRun.run(EXAMPLE, env, "validate", "-f", EXAMPLE.toString());
    assertEquals(0, validate.exitCode(), validate.toString());

    CliRun plan = CliRun.run(EXAMPLE, env, "plan", "-f", EXAMPLE.toString());
    assertEquals(0, plan.exitCode(), plan.toString());
    for (String instance : List.of("support", "phishing")) {
      assertTrue(plan.out().contains("rename alice@example.com -> alice.liddell@example.com (alice) on " + instance),
          plan.out());
    }
    // phishing prunes by suspending: carol, whom no file declares, keeps her user and its history
    assertTrue(plan.out().contains("suspend carol@example.com on phishing (prune: no file declares this account;"
        + " offboard: suspend)"), plan.out());
    assertTrue(plan.out().contains("1 to suspend, 0 to delete"), plan.out());
  }
}
