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

/** validate runs where the secrets are not (a pull request's CI): a missing one is a warning; plan needs it. */
class ValidateWithoutSecretsTest {
  @TempDir Path dir;

  private static final String YAML = """
      version: 1
      providers:
        app:
          type: fake
          url: http://127.0.0.1:9/never-called
          token: ${env:NOPE_TOKEN}
      users:
        alice: { accounts: { app: { password: '${file:alice.txt}' } } }
      """;

  @Test
  void validateWarnsOfMissingVariablesAndFilesAndPasses() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), YAML);
    CliRun run = CliRun.run(dir, Map.of(), "validate");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().contains("roster.yaml:6:12: warning: environment variable NOPE_TOKEN is not set (plan and apply need it)"), run.err());
    assertTrue(run.err().contains("roster.yaml:8:41: warning: secret file alice.txt does not exist"), run.err());
    assertTrue(run.out().contains("Valid: 1 person, 1 account on 1 instance."), run.out());
    assertFalse(run.err().contains("credential") || run.err().contains("is a secret"), "an unresolved reference is no literal secret\n" + run.err());
  }

  @Test
  void validateStillFailsOnOtherProblemsAndShowsTheWarnings() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), YAML + "  bob: { nickname: Bob }\n");
    CliRun run = CliRun.run(dir, Map.of(), "validate");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains("warning: environment variable NOPE_TOKEN is not set"), run.err());
    assertTrue(run.err().contains("roster.yaml:9:10: unknown key 'nickname'"), run.err());
  }

  @Test
  void planRefusesThem() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), YAML);
    CliRun run = CliRun.run(dir, Map.of(), "plan");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains("roster.yaml:6:12: environment variable NOPE_TOKEN is not set"), run.err());
    assertTrue(run.err().contains("roster.yaml:8:41: secret file alice.txt does not exist"), run.err());
    assertFalse(run.err().contains("warning"), run.err());
  }
}
