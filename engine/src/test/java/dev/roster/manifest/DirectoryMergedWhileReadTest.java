package dev.roster.manifest;

import static dev.roster.manifest.ProblemAssertions.assertProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A directory's people-only files are merged in turn as they are read (big ones while each is read),
 * once the files that set things up (instances, defaults, protect, safety) are read; whatever the
 * layout, the manifest, or the problems in their order and places, are the same as when every file is
 * merged after all are read.
 */
class DirectoryMergedWhileReadTest {
  private static final int PER_FILE = 4_250; // not a whole number of the schema's slices of 500
  private static final int PER_BIG_FILE = 12_250; // over a megabyte: read on two threads, merged while read
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
  void bigPeopleFilesAreMergedWhileEachIsRead() throws Exception {
    write("people-01.yaml", people(1, PER_BIG_FILE, i -> null));
    write("providers.yaml", SETTINGS);
    write("team-2.yaml", people(2, PER_BIG_FILE, i -> i == 9_000 ? "{email: p@example.com, accounts: {nowhere: {}}}" : null));
    ManifestLoader whileReading = loader();
    List<String> problems = problems(whileReading);

    assertProblems(problems, "team-2.yaml:9003:", "'nowhere'");
    assertEquals(problems(loader().mergingAfterReading()), problems);
    assertTrue(whileReading.mergedWhileReading() >= PER_BIG_FILE + 9_000 - 500, "merged while reading: " + whileReading.mergedWhileReading());
    write("team-2.yaml", people(2, PER_BIG_FILE, i -> null));
    assertEquals(loader().mergingAfterReading().load(List.of(dir)).people(), whileReading.load(List.of(dir)).people());
    assertTrue(whileReading.mergedWhileReading() >= 2 * (PER_BIG_FILE - 500), "merged while reading: " + whileReading.mergedWhileReading());
  }

  @Test
  void peopleFilesAreMergedInTurnAfterTheSettingsWhereverTheySortAmongThem() throws Exception {
    // "people-*" sorts before "providers": the people come first in file order, and stay first
    write("people-01.yaml", people(1, i -> null));
    write("people-02.yaml", people(2, i -> null));
    write("providers.yaml", SETTINGS);
    write("team-3.yaml", people(3, i -> null));
    ManifestLoader inTurn = loader();
    Manifest merged = inTurn.load(List.of(dir));
    Manifest after = loader().mergingAfterReading().load(List.of(dir));

    assertTrue(inTurn.mergedInTurn());
    assertEquals(3 * PER_FILE, merged.people().size());
    assertEquals(after.people(), merged.people());
    assertEquals(after.instances().toString(), merged.instances().toString());
    assertEquals(List.of("app:keep"), merged.protect());
    assertEquals("f1p0", merged.people().get(0).handle());
    Manifest.DeclaredAccount last = merged.people().get(3 * PER_FILE - 1).accounts().get(0);
    assertEquals("admin", last.attributes().get("role"), "the defaults reach every file's people");
    assertTrue(last.source().toString().startsWith("team-3.yaml:" + (PER_FILE + 2) + ":"), last.source().toString());
  }

  @Test
  void theMergesProblemsAreTheSameInTheSameOrder() throws Exception {
    write("a-people.yaml", people(1, i -> i == 700 ? "{email: p@example.com, accounts: {nowhere: {}}}" : null));
    write("b-people.yaml", people(2, i -> switch (i) {
      case 10 -> "{email: p@example.com, accounts: {app: {login: f1p20}}}"; // f1p20's login
      case 4_000 -> "{email: p@example.com, accounts: {app: {password: \"${env:MISSING}\"}}}";
      default -> null;
    }));
    write("c-people.yaml", "version: 1\nusers:\n  f1p3: {email: p@example.com, accounts: {app: {}}}\n"); // declared twice
    write("settings.yaml", SETTINGS + "safety: {maxDeletes: 5}\n");
    write("z-settings.yaml", "version: 1\nsafety: {maxDeletes: 6}\n"); // set in two files
    ManifestLoader inTurn = loader();
    List<String> problems = problems(inTurn);

    assertTrue(inTurn.mergedInTurn());
    assertEquals(problems(loader().mergingAfterReading()), problems);
    assertProblems(problems,
        "z-settings.yaml:2:", "set in two files",
        "a-people.yaml:703:", "'nowhere'",
        "b-people.yaml:13:", "declared for two people",
        "b-people.yaml:4003:", "MISSING",
        "c-people.yaml:3:", "declared twice");
  }

  @Test
  void settingsThatNoLineAtTheMarginShowsAreStillReadBeforeAnyPerson() throws Exception {
    // a root mapping may be indented: the guess says "people only", the file says otherwise
    write("a-people.yaml", people(1, i -> null).replace("\n", "\n  ").replaceFirst("^", "  ")
        + "defaults:\n    other: {role: admin}\n");
    write("providers.yaml", SETTINGS);
    ManifestLoader loader = loader();
    Manifest merged = loader.load(List.of(dir));

    assertEquals(loader().mergingAfterReading().load(List.of(dir)).people(), merged.people());
    assertEquals("admin", merged.people().get(0).accounts().get(1).attributes().get("role"), "the late file's defaults");
    assertFalse(loader.mergedInTurn(), "read again, merged after");
  }

  @Test
  void aSchemaProblemInAPeopleFileIsTheOnlyKindReported() throws Exception {
    write("a-people.yaml", people(1, i -> i == 600 ? "{email: p@example.com, accounts: {nowhere: {}}}" : null));
    write("b-people.yaml", people(2, i -> i == 4_100 ? "{email: 42, accounts: {app: {}}}" : null));
    write("providers.yaml", SETTINGS);
    List<String> problems = problems(loader());

    assertEquals(problems(loader().mergingAfterReading()), problems);
    assertProblems(problems, "b-people.yaml:4103:", "expected string");
  }

  private ManifestLoader loader() {
    return new ManifestLoader(factories, schema, Map.of("T", "t"), dir);
  }

  private List<String> problems(ManifestLoader loader) {
    ManifestException e = assertThrows(ManifestException.class, () -> loader.load(List.of(dir)));
    return e.problems().stream().map(Problem::toString).toList();
  }

  private static String people(int f, IntFunction<String> odd) {
    return people(f, PER_FILE, odd);
  }

  /** File {@code f}'s people, one a line from line 3; {@code odd} gives person i's value instead, or null. */
  private static String people(int f, int count, IntFunction<String> odd) {
    StringBuilder yaml = new StringBuilder("version: 1\nusers:\n");
    for (int i = 0; i < count; i++) {
      String person = odd.apply(i);
      yaml.append("  f").append(f).append('p').append(i).append(": ").append(person != null ? person
          : "{email: f" + f + "p" + i + "@example.com, name: Person " + i + ", accounts: {app: {}, other: {}}}").append('\n');
    }
    return yaml.toString();
  }

  private void write(String name, String yaml) throws Exception {
    Files.writeString(dir.resolve(name), yaml);
  }
}
