package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the demo ends with no changes and leaves no files behind. */
class DemoTest {
  @TempDir Path dir;

  @Test
  void theDemoEndsWithNoChangesAndRemovesItsCopyOfTheManifest() {
    CliRun demo = CliRun.run(dir, Map.of(), "demo");

    assertEquals(0, demo.exitCode(), demo.toString());
    assertTrue(demo.out().strip().endsWith("No changes. The platforms match the files."), demo.out());
    Matcher copy = Pattern.compile("a copy in (\\S+), removed when the demo ends").matcher(demo.out());
    assertTrue(copy.find(), demo.out());
    assertFalse(Files.exists(Path.of(copy.group(1))), copy.group(1) + " is still there");
  }
}
