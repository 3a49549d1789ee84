package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --redact-pii} on the sandbox example, every platform at once: plan and show, in every
 * format, print none of the people's names, e-mail addresses or phone numbers (EngageLab's notes
 * and its {@code contacts} object included).
 */
class RedactPiiEndToEndTest {
  static final List<String> PERSONAL = List.of("alice@example.com", "bob@example.com", "Alice Liddell", "Bob Stone", "+15550101");

  @TempDir Path dir;

  @Test
  void planAndShowRedactEveryFormat() throws Exception {
    Files.copy(Path.of("..", "examples", "sandbox", "roster.yaml"), dir.resolve("roster.yaml"));
    try (DemoPlatforms platforms = DemoPlatforms.start()) {
      Map<String, String> env = platforms.env();
      CliRun saved = CliRun.run(dir, env, "plan", "--out", "plan.json");
      assertEquals(0, saved.exitCode(), saved.toString());
      // each of them is in some format's plan without --redact-pii, so that its absence below is the redaction's doing
      StringBuilder plain = new StringBuilder();
      for (String format : List.of("text", "markdown", "json")) {
        plain.append(CliRun.run(dir, env, "plan", "--format", format).out());
      }
      PERSONAL.forEach(p -> assertTrue(plain.toString().contains(p), "the plan without --redact-pii shows " + p + "\n" + plain));
      for (String format : List.of("text", "markdown", "json")) {
        CliRun plan = CliRun.run(dir, env, "plan", "--format", format, "--redact-pii");
        CliRun show = CliRun.run(dir, Map.of(), "show", "plan.json", "--format", format, "--redact-pii");
        for (CliRun run : List.of(plan, show)) {
          assertEquals(0, run.exitCode(), run.toString());
          PERSONAL.forEach(p -> assertFalse(run.out().contains(p), format + " shows " + p + "\n" + run.out()));
          assertTrue(run.out().contains("a…@example.com"), run.out());
        }
      }
    }
  }
}
