package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Onboarding: every readable instance of the sandbox example imported into people, then planned. */
class ImportRoundTripTest {
  @TempDir Path dir;
  DemoPlatforms platforms;
  Map<String, String> env;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void start() throws Exception {
    platforms = DemoPlatforms.start();
    env = platforms.env();
    Map<String, Object> example = new Yaml().load(Files.readString(Path.of("..", "examples", "sandbox", "roster.yaml")));
    Files.createDirectories(dir.resolve("roster"));
    Files.writeString(dir.resolve("roster/providers.yaml"), new Yaml().dump(Map.of("version", 1,
        "providers", (Map<String, Object>) example.get("providers"))));
  }

  @AfterEach
  void stop() {
    platforms.close();
  }

  @Test
  void everyReadableInstanceImportedIntoPeoplePlansNoChanges() throws Exception {
    CliRun imported = CliRun.run(dir, env, "import", "--out", "roster/imported.yaml");

    assertEquals(0, imported.exitCode(), imported.toString());
    String yaml = Files.readString(dir.resolve("roster/imported.yaml"));
    assertFalse(yaml.contains("password"), yaml);
    // alice is one person across the platforms: by e-mail on Chatwoot and Keepnet, by login on Keitaro
    String alice = java.util.Arrays.stream(yaml.split("\n(?=  \\S)")).filter(p -> p.startsWith("  alice:\n")).findFirst()
        .orElseThrow(() -> new AssertionError("no person alice\n" + yaml));
    assertTrue(alice.contains("    email: alice@example.com"), yaml);
    assertTrue(alice.contains("support: {") && alice.contains("# a new person, by e-mail alice@example.com"), yaml);
    assertTrue(alice.contains("phishing: {") && alice.contains("# joined by e-mail alice@example.com"), yaml);
    assertTrue(alice.contains("tracker: {login: alice") && alice.contains("# joined by login alice, the person's handle"), yaml);
    assertFalse(yaml.contains("alice-2"), yaml);
    assertFalse(yaml.contains("dave@example.com"), "synced from SCIM: Roster may not change it\n" + yaml);

    CliRun plan = CliRun.run(dir, env, "plan", "--detailed-exitcode");
    assertEquals(0, plan.exitCode(), plan + "\n" + yaml);
    assertTrue(plan.out().contains("No changes."), plan.out());
  }

  @Test
  void peopleTheFilesDeclareKeepTheirHandleAndDeclaredAccountsAreLeftOut() throws Exception {
    Files.writeString(dir.resolve("roster/people.yaml"), """
        version: 1
        users:
          liddell:
            email: Alice@Example.com
            accounts:
              support: { role: agent }
        """);

    CliRun imported = CliRun.run(dir, env, "import", "support", "tracker", "phishing");

    assertEquals(0, imported.exitCode(), imported.toString());
    String yaml = imported.out();
    assertTrue(yaml.contains("# liddell is declared at roster/people.yaml:3: add these under their accounts there"), yaml);
    assertTrue(yaml.contains("#   phishing: {"), yaml);
    assertFalse(yaml.contains("support: {email: alice@example.com"), "declared already: left out\n" + yaml);
    assertFalse(yaml.contains("\n    email: alice@example.com"), "no second person for her e-mail\n" + yaml);
    // her tracker login is not her handle here: it makes a person of its own, for a person to merge
    assertTrue(yaml.contains("tracker: {login: alice") && yaml.contains("# a new person, by login alice"), yaml);
  }

  @Test
  void anOutFileAmongTheFilesReadIsRefusedAndAnInstanceThatCannotBeReadIsNamed() throws Exception {
    CliRun refused = CliRun.run(dir, env, "import", "--out", "roster/providers.yaml");
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("--out roster/providers.yaml is one of the files being read"), refused.err());

    CliRun unreadable = CliRun.run(dir, env, "import", "marketing");
    assertEquals(1, unreadable.exitCode(), unreadable.toString());
    assertTrue(unreadable.err().contains("'marketing' (engagelab) cannot be read"), unreadable.err());
  }
}
