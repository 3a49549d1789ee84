package dev.roster.manifest;

import static dev.roster.manifest.ProblemAssertions.assertProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.spi.ProviderFactory;
import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory's files merged are the same manifest as one file holding them all, wherever the settings
 * sort among the people; every problem of every file is reported at once, in file order.
 */
class DirectoryLoadTest {
  private static final int PER_FILE = 1_000;
  private static final String SETTINGS = """
      version: 1
      providers:
        app: {type: fake, url: "http://127.0.0.1:1", token: "${env:T}"}
        other: {type: fake, url: "http://127.0.0.1:2", token: "${env:T}"}
      defaults:
        app: {role: admin}
      protect: [app:keep]
      """;

  @TempDir Path dir;
  private final Map<String, ProviderFactory> factories = Map.of("fake", new FakeFactory());
  private final ManifestSchema schema = new ManifestSchema(factories.values());

  @Test
  void theFilesMergedAreTheSameManifestAsOneFile() throws Exception {
    Path split = Files.createDirectories(dir.resolve("split"));
    // "people-*" sorts before "providers": the people come first in file order, and stay first
    Files.writeString(split.resolve("people-01.yaml"), people(1, i -> null));
    Files.writeString(split.resolve("people-02.yaml"), people(2, i -> null));
    Files.writeString(split.resolve("providers.yaml"), SETTINGS);
    Files.writeString(split.resolve("team-3.yaml"), people(3, i -> null));
    Path whole = Files.writeString(dir.resolve("whole.yaml"), SETTINGS + "users:\n"
        + users(people(1, i -> null)) + users(people(2, i -> null)) + users(people(3, i -> null)));

    Manifest merged = loader().load(List.of(split));
    Manifest one = loader().load(List.of(whole));
    assertEquals(3 * PER_FILE, merged.people().size());
    assertEquals(ManifestLoaderTest.accounts(one), ManifestLoaderTest.accounts(merged));
    assertEquals(one.instances().keySet(), merged.instances().keySet());
    assertEquals(List.of("app:keep"), merged.protect());
    assertEquals("f1p0", merged.people().get(0).handle());
    Manifest.DeclaredAccount last = merged.people().get(3 * PER_FILE - 1).accounts().get(0);
    assertEquals("admin", last.attributes().get("role"), "the defaults reach every file's people");
    assertEquals("split/team-3.yaml:" + (PER_FILE + 2), last.source().fileLine());
  }

  @Test
  void settingsWrittenAfterPeopleStillReachEveryFile() throws Exception {
    Files.writeString(dir.resolve("a-people.yaml"), people(1, i -> null) + "defaults:\n  other: {role: admin}\n");
    Files.writeString(dir.resolve("b-people.yaml"), people(2, i -> null));
    Files.writeString(dir.resolve("providers.yaml"), SETTINGS);
    Manifest merged = loader().load(List.of(dir));
    assertEquals("admin", merged.people().get(0).accounts().get(1).attributes().get("role"));
    assertEquals("admin", merged.people().get(2 * PER_FILE - 1).accounts().get(1).attributes().get("role"));
  }

  @Test
  void everyFilesProblemsAreReportedInFileOrder() throws Exception {
    Files.writeString(dir.resolve("a-people.yaml"), people(1, i -> i == 700 ? "{email: p@example.com, accounts: {nowhere: {}}}" : null));
    Files.writeString(dir.resolve("b-people.yaml"), people(2, i -> switch (i) {
      case 10 -> "{email: p@example.com, accounts: {app: {login: f1p20}}}"; // f1p20's login
      case 400 -> "{email: 42, accounts: {app: {}}}"; // the schema's
      case 800 -> "{email: p@example.com, accounts: {app: {password: \"${env:MISSING}\"}}}";
      default -> null;
    }));
    Files.writeString(dir.resolve("c-people.yaml"), "version: 1\nusers:\n  f1p3: {email: p@example.com, accounts: {app: {}}}\n");
    Files.writeString(dir.resolve("settings.yaml"), SETTINGS + "safety: {maxDeletes: 5}\n");
    Files.writeString(dir.resolve("z-settings.yaml"), "version: 1\nsafety: {maxDeletes: 6}\n");
    assertProblems(problems(),
        "a-people.yaml:703:", "'nowhere'",
        "b-people.yaml:13:", "declared for two people",
        "b-people.yaml:403:", "expected string",
        "b-people.yaml:803:", "MISSING",
        "c-people.yaml:3:", "person 'f1p3' is declared twice: here and at a-people.yaml:6:3",
        "z-settings.yaml:2:", "set in two files");
  }

  @Test
  void aFileThatCannotBeReadLeavesTheMergeOutButNotTheOthersChecks() throws Exception {
    Files.writeString(dir.resolve("a-people.yaml"), people(1, i -> i == 5 ? "{email: 42, accounts: {app: {}}}" : null));
    Files.writeString(dir.resolve("providers.yaml"), SETTINGS + "  - not: [valid\n");
    // no "account names instance 'app'" for every person: the instances are in the file that failed
    assertProblems(problems(), "a-people.yaml:8:", "expected string", "providers.yaml:", "indented differently");
  }

  private ManifestLoader loader() {
    return new ManifestLoader(factories, schema, Map.of("T", "t"), dir);
  }

  private List<String> problems() {
    ManifestException e = assertThrows(ManifestException.class, () -> loader().load(List.of(dir)));
    return e.problems().stream().map(Problem::toString).toList();
  }

  private static String users(String file) {
    return file.substring(file.indexOf("users:\n") + "users:\n".length());
  }

  /** File {@code f}'s people, one a line from line 3; {@code odd} gives person i's value instead, or null. */
  private static String people(int f, IntFunction<String> odd) {
    StringBuilder yaml = new StringBuilder("version: 1\nusers:\n");
    for (int i = 0; i < PER_FILE; i++) {
      String person = odd.apply(i);
      yaml.append("  f").append(f).append('p').append(i).append(": ").append(person != null ? person
          : "{email: f" + f + "p" + i + "@example.com, name: Person " + i + ", accounts: {app: {}, other: {}}}").append('\n');
    }
    return yaml.toString();
  }
}
