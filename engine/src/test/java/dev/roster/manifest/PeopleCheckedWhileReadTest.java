package dev.roster.manifest;

import static dev.roster.manifest.ProblemAssertions.assertProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People are checked against the schema while the file is still being read (the reader hands each one
 * over as soon as it is parsed), and the problems found are the same, in the same order, as when the
 * whole file is checked after reading.
 */
class PeopleCheckedWhileReadTest {
  @TempDir Path dir;
  private final ManifestSchema schema = new ManifestSchema(List.of(new FakeFactory()));

  @Test
  void theReaderHandsOverEachPersonOfTheTopLevelUsersOnly() throws Exception {
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, """
        version: 1
        providers:
          app: {type: fake, url: "http://127.0.0.1:1"}
        users:
          alice:
            email: alice@example.com
            accounts: {app: {role: agent}}
          bob: &bob {email: bob@example.com, name: Bob}
          carol: *bob
        defaults:
          app: {role: agent}
        """);
    List<String> handed = new ArrayList<>();
    YamlReader.read(file, "roster.yaml", (handle, person, soFar) -> handed.add(handle + "=" + person.path("email").asString()));
    assertEquals(List.of("alice=alice@example.com", "bob=bob@example.com", "carol=bob@example.com"), handed);
  }

  @Test
  void aBigFilesPeopleAreCheckedWhileItIsReadWithTheSameProblems() throws Exception {
    int people = 13_000; // over a megabyte: read by two threads, SnakeYAML's and the tree builder's
    StringBuilder yaml = new StringBuilder("version: 1\nproviders:\n  app: {type: fake, url: \"http://127.0.0.1:1\", token: t, bogus: 1}\nusers:\n");
    for (int i = 0; i < people; i++) {
      String person = switch (i) {
        case 0 -> "{emial: p0@example.com, name: Person Number 0, accounts: {app: {}}}"; // unknown key
        case 499 -> "{email: p499@example.com, name: [not, text], accounts: {app: {}}}"; // wrong type, end of a slice
        case 500 -> "{email: not-an-address, name: Person Number 500, accounts: {app: {}}}"; // start of the next
        case 12_999 -> "{email: p12999@example.com, name: Person Number 12999, acounts: {}}"; // the last, unknown key
        default -> "{email: p" + i + "@example.com, name: Person Number " + i + ", accounts: {app: {}}}";
      };
      yaml.append("  person").append(i).append(": ").append(person).append('\n');
    }
    assertTrue(yaml.length() > YamlReader.PIPELINE_FROM_CHARS);
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, yaml);

    ManifestSchema.FileCheck check = schema.fileCheck();
    YamlDocument doc = YamlReader.read(file, "roster.yaml", check::person);
    assertTrue(check.peopleChecked() >= people - 500, "checked while reading: " + check.peopleChecked());
    List<String> problems = check.problems(doc).stream().map(Problem::toString).toList();

    assertProblems(problems,
        "roster.yaml:3:", "unknown key 'bogus'",
        "roster.yaml:5:", "unknown key 'emial'",
        "roster.yaml:504:", "expected string",
        "roster.yaml:505:", "email",
        "roster.yaml:13004:", "unknown key 'acounts'");
    // the same as checking the whole file once it is read
    assertEquals(problems, schema.validateFile(YamlReader.read(file, "roster.yaml")).stream().map(Problem::toString).toList());
  }
}
