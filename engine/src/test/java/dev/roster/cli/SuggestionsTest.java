package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A near miss is answered with the closest valid word, once, and brings no further problems. */
class SuggestionsTest {
  @TempDir Path dir;

  private CliRun run(String yaml, String... args) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), yaml);
    CliRun run = CliRun.run(dir, ManifestErrorsTest.ENV, args);
    assertEquals(1, run.exitCode(), run.toString());
    return run;
  }

  private static long problems(CliRun run) {
    return run.err().lines().filter(l -> l.startsWith("roster.yaml:") || l.startsWith("--only")).count();
  }

  @Test
  void aMisspeltTypeKeyIsOneProblem() throws Exception {
    CliRun run = run("""
        version: 1
        providers:
          app:
            tpye: fake
            url: http://127.0.0.1:9/never-called
            token: ${env:FAKE_TOKEN}
        users:
          alice: { accounts: { app: {} } }
        """, "validate");
    assertTrue(run.err().contains("roster.yaml:4:5: unknown key 'tpye': did you mean 'type'?"), run.err());
    assertEquals(1, problems(run), run.err());
  }

  @Test
  void aMisspeltTypeValueIsOneProblem() throws Exception {
    CliRun run = run("""
        version: 1
        providers:
          app:
            type: fkae
            url: http://127.0.0.1:9/never-called
            token: ${env:FAKE_TOKEN}
        """, "validate");
    assertTrue(run.err().contains("roster.yaml:4:11: expected one of blindfake, fake, found 'fkae': did you mean 'fake'?"), run.err());
    assertEquals(1, problems(run), run.err());
  }

  @Test
  void unknownKeysEnumValuesAndInstancesSuggestTheClosest() throws Exception {
    CliRun run = run(ManifestErrorsTest.PROVIDER + """
        users:
          alice:
            emial: alice@example.com
            accounts:
              app: { role: admni, logn: al }
              ap: {}
          bob:
            nickname: Bob
        """, "validate");
    String err = run.err();
    assertTrue(err.contains("roster.yaml:9:5: unknown key 'emial': did you mean 'email'?"), err);
    assertTrue(err.contains("roster.yaml:11:20: expected one of member, admin, found 'admni': did you mean 'admin'?"), err);
    assertTrue(err.contains("roster.yaml:11:27: unknown key 'logn': did you mean 'login'?"), err);
    assertTrue(err.contains("roster.yaml:12:7: account names instance 'ap', which no file declares under 'providers:': did you mean 'app'?"), err);
    assertTrue(err.contains("roster.yaml:14:5: unknown key 'nickname'\n"), "nothing close, nothing suggested: " + err);
    assertEquals(5, problems(run), err);
  }

  @Test
  void onlySuggestsADeclaredInstance() throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), ManifestErrorsTest.PROVIDER + "users:\n  alice: { accounts: { app: {} } }\n");
    CliRun run = CliRun.run(dir, ManifestErrorsTest.ENV, "plan", "--only", "ap");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--only ap: no such instance: did you mean 'app'?"), run.err());
    CliRun person = CliRun.run(dir, ManifestErrorsTest.ENV, "plan", "--person", "alcie");
    assertTrue(person.err().contains("--person alcie: no such person in the files: did you mean 'alice'?"), person.err());
  }
}
