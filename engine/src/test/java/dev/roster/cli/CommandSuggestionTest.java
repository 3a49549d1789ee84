package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistyped command or option gets the closest valid one, once, and exit 1 (2 means "changes pending"). */
class CommandSuggestionTest {
  @TempDir Path dir;

  @Test
  void aMistypedCommandOrOptionSuggestsTheClosestOne() {
    CliRun command = CliRun.run(dir, Map.of(), "plna");
    assertEquals(1, command.exitCode(), command.toString());
    assertTrue(command.err().contains("Did you mean 'plan'?\nTry 'roster --help'."), command.err());
    assertEquals(3, command.err().lines().count(), "the error, one suggestion, where to look:\n" + command.err());

    CliRun option = CliRun.run(dir, Map.of(), "plan", "--detaled-exitcode");
    assertEquals(1, option.exitCode(), option.toString());
    assertTrue(option.err().contains("Did you mean '--detailed-exitcode'?\nTry 'roster plan --help'."), option.err());
    assertEquals(3, option.err().lines().count(), "the error, one suggestion, where to look:\n" + option.err());
    assertFalse(option.err().contains("picocli"), option.err());
  }
}
