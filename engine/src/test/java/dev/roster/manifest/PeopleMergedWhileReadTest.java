package dev.roster.manifest;

import static dev.roster.manifest.ProblemAssertions.assertProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A single file's people are merged while it is still being read, when its instances (and defaults)
 * come first; whatever the layout, the manifest, or the problems in their order and places, are the
 * same as when the whole file is merged after reading.
 */
class PeopleMergedWhileReadTest {
  private static final int PEOPLE = 13_250; // over a megabyte (two threads), and not a whole number of slices
  private static final String PROVIDERS = """
      providers:
        app: {type: fake, url: "http://127.0.0.1:1", token: "${env:T}"}
        other: {type: fake, url: "http://127.0.0.1:2", token: "${env:T}"}
      """;
  private static final String DEFAULTS = """
      defaults:
        app: {role: admin}
      """;

  @TempDir Path dir;
  private final Map<String, ProviderFactory> factories = Map.of("fake", new FakeFactory());
  private final ManifestSchema schema = new ManifestSchema(factories.values());

  @Test
  void instancesAndDefaultsFirstMergeThePeopleWhileReading() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + DEFAULTS + people(i -> null) + "protect: [app:keep]\n");
    ManifestLoader whileReading = loader();
    Manifest merged = whileReading.load(List.of(file));
    Manifest after = loader().mergingAfterReading().load(List.of(file));

    assertTrue(whileReading.mergedWhileReading() >= PEOPLE - 500, "merged while reading: " + whileReading.mergedWhileReading());
    assertEquals(PEOPLE, merged.people().size());
    assertEquals(after.people(), merged.people());
    assertEquals(after.instances().toString(), merged.instances().toString());
    assertEquals(List.of("app:keep"), merged.protect());
    Manifest.DeclaredAccount last = merged.people().get(PEOPLE - 1).accounts().get(0);
    assertEquals("admin", last.attributes().get("role"), "the defaults reach every person");
    assertTrue(last.source().toString().startsWith("roster.yaml:" + (PEOPLE - 1 + 8) + ":"), last.source().toString());
  }

  @Test
  void defaultsAfterThePeopleStillReachThem() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + people(i -> null) + DEFAULTS);
    ManifestLoader loader = loader();
    Manifest merged = loader.load(List.of(file));
    assertEquals(0, loader.mergedWhileReading(), "read again, merged after");
    assertEquals("admin", merged.people().get(0).accounts().get(0).attributes().get("role"));
    assertEquals("admin", merged.people().get(PEOPLE - 1).accounts().get(0).attributes().get("role"));
    assertEquals(loader().mergingAfterReading().load(List.of(file)).people(), merged.people());
  }

  @Test
  void instancesAfterThePeopleAreMergedAfterReading() throws Exception {
    Path file = write("version: 1\n" + people(i -> null) + PROVIDERS);
    ManifestLoader loader = loader();
    Manifest merged = loader.load(List.of(file));
    assertEquals(0, loader.mergedWhileReading());
    assertEquals(loader().mergingAfterReading().load(List.of(file)).people(), merged.people());
  }

  @Test
  void theMergesProblemsAreTheSameInTheSameOrder() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + DEFAULTS + people(i -> switch (i) {
      case 700 -> "{email: p700@example.com, accounts: {nowhere: {}}}"; // an undeclared instance
      case 9_000 -> "{email: p9000@example.com, accounts: {app: {login: person10}}}"; // person10's login
      case 13_000 -> "{email: p13000@example.com, accounts: {app: {password: \"${env:MISSING}\"}}}";
      default -> null;
    }));
    ManifestLoader whileReading = loader();
    List<String> problems = problems(whileReading, file);
    List<String> after = problems(loader().mergingAfterReading(), file);

    assertEquals(after, problems);
    assertProblems(problems,
        "roster.yaml:708:51: ", "account names instance 'nowhere'",
        "roster.yaml:9008:", "declared for two people",
        "roster.yaml:13008:", "MISSING");
    assertTrue(whileReading.mergedWhileReading() >= 500, "the people before the first problem: " + whileReading.mergedWhileReading());
  }

  @Test
  void aProblemInTheDefaultsIsReportedOnceBeforeThePeoples() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + "defaults:\n  gone: {role: admin}\n" + people(i -> i == 600
        ? "{email: p600@example.com, accounts: {nowhere: {}}}" : null));
    List<String> problems = problems(loader(), file);
    assertEquals(problems(loader().mergingAfterReading(), file), problems);
    assertEquals(2, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).contains("defaults name instance 'gone'"), problems.get(0));
    assertTrue(problems.get(1).contains("account names instance 'nowhere'"), problems.get(1));
  }

  @Test
  void aSchemaProblemLateInTheFileIsTheOnlyOneReported() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + people(i -> switch (i) {
      case 600 -> "{email: p600@example.com, accounts: {nowhere: {}}}"; // merged while reading: a merge problem
      case 12_900 -> "{email: 42, accounts: {app: {}}}";
      default -> null;
    }));
    List<String> problems = problems(loader(), file);
    assertEquals(problems(loader().mergingAfterReading(), file), problems);
    assertEquals(1, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("roster.yaml:12906:") && problems.get(0).contains("expected string"), problems.get(0));
  }

  @Test
  void aPersonWrittenAsAnAliasKeepsThePlacesOfItsAnchor() throws Exception {
    // person5's part of the tree goes once merged; person600 is the same node and must still be placed
    Path file = write("version: 1\n" + PROVIDERS + people(i -> switch (i) {
      case 5 -> "&five {email: p5@example.com, accounts: {app: {role: admin}}}";
      case 600, 13_000 -> "*five";
      default -> null;
    }));
    for (ManifestLoader loader : List.of(loader(), loader().mergingAfterReading())) {
      List<Manifest.DeclaredPerson> people = loader.load(List.of(file)).people();
      Source anchor = people.get(5).accounts().get(0).source();
      assertTrue(anchor.toString().startsWith("roster.yaml:11:"), anchor.toString());
      assertEquals(anchor, people.get(600).accounts().get(0).source());
      assertEquals(anchor, people.get(13_000).accounts().get(0).source());
      assertEquals("person600", people.get(600).accounts().get(0).attributes().get("login"));
    }
  }

  private ManifestLoader loader() {
    return new ManifestLoader(factories, schema, Map.of("T", "t"), dir);
  }

  private List<String> problems(ManifestLoader loader, Path file) {
    ManifestException e = assertThrows(ManifestException.class, () -> loader.load(List.of(file)));
    return e.problems().stream().map(Problem::toString).toList();
  }

  /** The people, one a line; {@code odd} gives person i's value instead of the usual one, or null. */
  private static String people(IntFunction<String> odd) {
    StringBuilder yaml = new StringBuilder("users:\n");
    for (int i = 0; i < PEOPLE; i++) {
      String person = odd.apply(i);
      yaml.append("  person").append(i).append(": ").append(person != null ? person
          : "{email: p" + i + "@example.com, name: Person Number " + i + ", accounts: {app: {}, other: {role: admin}}}").append('\n');
    }
    return yaml.toString();
  }

  private Path write(String yaml) throws Exception {
    assertTrue(yaml.length() > YamlReader.PIPELINE_FROM_CHARS, "big enough to be read on two threads");
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
