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
 * One file: whatever the order of its sections, the same people with the same accounts; every problem
 * in it, of the schema and of the merge, reported at once from the first line to the last.
 */
class ManifestLoaderTest {
  private static final int PEOPLE = 1_250;
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
  void instancesAndDefaultsFirstReachEveryPerson() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + DEFAULTS + people(i -> null) + "protect: [app:keep]\n");
    Manifest manifest = loader().load(List.of(file));

    assertEquals(PEOPLE, manifest.people().size());
    assertEquals(List.of("app:keep"), manifest.protect());
    Manifest.DeclaredAccount last = manifest.people().get(PEOPLE - 1).accounts().get(0);
    assertEquals("admin", last.attributes().get("role"), "the defaults reach every person");
    assertTrue(last.source().toString().startsWith("roster.yaml:" + (PEOPLE - 1 + 8) + ":"), last.source().toString());
  }

  @Test
  void defaultsAndInstancesAfterThePeopleStillReachThem() throws Exception {
    Manifest first = loader().load(List.of(write("version: 1\n" + PROVIDERS + DEFAULTS + people(i -> null))));
    Manifest last = loader().load(List.of(write("version: 1\n" + people(i -> null) + DEFAULTS + PROVIDERS)));
    assertEquals("admin", last.people().get(0).accounts().get(0).attributes().get("role"));
    assertEquals(accounts(first), accounts(last));
  }

  @Test
  void schemaAndMergeProblemsAreReportedTogetherInLineOrder() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + DEFAULTS + people(i -> switch (i) {
      case 300 -> "{email: p300@example.com, accounts: {nowhere: {}}}"; // an undeclared instance
      case 700 -> "{email: 42, accounts: {app: {}}}"; // the schema's: this person is left out of the merge
      case 900 -> "{email: p900@example.com, accounts: {app: {login: person10}}}"; // person10's login
      case 1_200 -> "{email: p1200@example.com, accounts: {app: {password: \"${env:MISSING}\"}}}";
      default -> null;
    }) + "bogus: 1\n");
    assertProblems(problems(file),
        "roster.yaml:308:51: ", "account names instance 'nowhere'",
        "roster.yaml:708:", "expected string, found 42",
        "roster.yaml:908:", "declared for two people",
        "roster.yaml:1208:", "MISSING",
        "roster.yaml:1258:1: ", "unknown key 'bogus'");
  }

  @Test
  void aPartThatFailsTheSchemaBringsNoFurtherProblems() throws Exception {
    Path file = write("""
        version: 1
        providers:
          app: {type: fake, url: "http://127.0.0.1:1", token: "${env:T}", concurrency: lots}
        defaults:
          app: {role: boss}
        users:
          alice: {email: alice@example.com, accounts: {app: {role: boss}}}
          bob: {email: [bob], accounts: {app: {login: "a/b"}}}
          c/d: {accounts: {nowhere: {}}}
          carol: {accounts: {nowhere: {}}}
        """);
    // not "account names instance 'app'", nor bob's login, nor alice's role: the instance failed its check;
    // and a wrong handle leaves out that person only
    assertProblems(problems(file),
        "roster.yaml:3:", "expected integer",
        "roster.yaml:8:", "expected string",
        "roster.yaml:9:3: ", "property 'c/d' name is not valid",
        "roster.yaml:10:22: ", "account names instance 'nowhere'");
  }

  @Test
  void aProblemInTheDefaultsIsReportedWithThePeoples() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + "defaults:\n  gone: {role: admin}\n" + people(i -> i == 600
        ? "{email: p600@example.com, accounts: {nowhere: {}}}" : null));
    assertProblems(problems(file),
        "roster.yaml:6:3: ", "defaults name instance 'gone'",
        "roster.yaml:608:", "account names instance 'nowhere'");
  }

  @Test
  void aPersonWrittenAsAnAliasKeepsThePlacesOfItsAnchor() throws Exception {
    Path file = write("version: 1\n" + PROVIDERS + people(i -> switch (i) {
      case 5 -> "&five {email: p5@example.com, accounts: {app: {role: admin}}}";
      case 600, 1_200 -> "*five";
      default -> null;
    }));
    List<Manifest.DeclaredPerson> people = loader().load(List.of(file)).people();
    Source anchor = people.get(5).accounts().get(0).source();
    assertTrue(anchor.toString().startsWith("roster.yaml:11:"), anchor.toString());
    assertEquals(anchor, people.get(600).accounts().get(0).source());
    assertEquals(anchor, people.get(1_200).accounts().get(0).source());
    assertEquals("person600", people.get(600).accounts().get(0).attributes().get("login"));
  }

  private ManifestLoader loader() {
    return new ManifestLoader(factories, schema, Map.of("T", "t"), dir);
  }

  private List<String> problems(Path file) {
    ManifestException e = assertThrows(ManifestException.class, () -> loader().load(List.of(file)));
    return e.problems().stream().map(Problem::toString).toList();
  }

  /** Each person's accounts, without their places. */
  static List<String> accounts(Manifest manifest) {
    return manifest.people().stream().flatMap(p -> p.accounts().stream())
        .map(a -> a.person() + "@" + a.instance() + "=" + a.attributes() + (a.absent() ? " absent" : "")).toList();
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
    return Files.writeString(dir.resolve("roster.yaml"), yaml);
  }
}
