package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A YAML syntax error in plain words at file:line:column; the parser's own words only on request. */
class YamlSyntaxErrorsTest {
  @TempDir Path dir;

  private CliRun validate(String yaml, Map<String, String> env, String... args) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), yaml.replace("\\n", "\n"));
    CliRun run = CliRun.run(dir, env, args);
    assertEquals(1, run.exitCode(), run.toString());
    return run;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      key indented less   | version: 1\\nusers:\\n  alice: {}\\n bob: {}\\n               | roster.yaml:4:2: this line is indented differently
      key indented more   | version: 1\\nusers:\\n  alice:\\n    email: a@b.c\\n      name: Al\\n | roster.yaml:5:11: a ':' where no key can start: check this line's indentation
      unclosed quote      | version: 1\\nusers:\\n  alice:\\n    name: \"Al\\n  bob: {}\\n | roster.yaml:4:11: this quote is never closed
      unclosed brace      | version: 1\\nusers:\\n  alice: { name: Al\\n  bob: {}\\n  | in the map opened with '{' at line 3, column 10
      character '@'       | version: 1\\nusers: @x\\n                                  | roster.yaml:2:8: a value cannot start with '@': put the value in quotes
      """)
  void saysWhatIsWrongInPlainWords(String name, String yaml, String expected) throws Exception {
    CliRun run = validate(yaml, Map.of(), "validate");
    assertTrue(run.err().contains(expected.strip()), name + ":\n" + run.err());
    assertFalse(run.err().contains("parser:") || run.err().contains("<block") || run.err().contains("token"), name + ":\n" + run.err());
  }

  @Test
  void theParsersWordsOnlyWithVerboseOrRosterDebug() throws Exception {
    String yaml = "version: 1\\nusers:\\n  alice: {}\\n bob: {}\\n";
    String words = "  parser: while parsing a block mapping: expected <block end>, but found '<block mapping start>'";
    assertTrue(validate(yaml, Map.of(), "validate", "-v").err().contains(words));
    assertTrue(validate(yaml, Map.of("ROSTER_DEBUG", "1"), "validate").err().contains(words));
    assertTrue(validate(yaml, Map.of("ROSTER_DEBUG", "1"), "plan").err().contains(words));
    assertFalse(validate(yaml, Map.of(), "plan").err().contains("parser:"));
    assertTrue(validate(yaml, Map.of(), "plan", "-v").err().contains(words));
    assertTrue(validate(yaml, Map.of(), "apply", "-v").err().contains(words));
  }
}
