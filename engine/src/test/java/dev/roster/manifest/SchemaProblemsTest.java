package dev.roster.manifest;

import static dev.roster.manifest.ProblemAssertions.assertProblems;

import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every schema problem of a file is reported, each at its place, from the first line to the last. */
class SchemaProblemsTest {
  @TempDir Path dir;
  private final ManifestSchema schema = new ManifestSchema(List.of(new FakeFactory()));

  @Test
  void everyPersonsProblemsAreReportedInFileOrder() throws Exception {
    int people = 2_000;
    StringBuilder yaml = new StringBuilder("version: 1\nproviders:\n  app: {type: fake, url: \"http://127.0.0.1:1\", token: t, bogus: 1}\nusers:\n");
    for (int i = 0; i < people; i++) {
      String person = switch (i) {
        case 0 -> "{emial: p0@example.com, name: Person Number 0, accounts: {app: {}}}"; // unknown key
        case 499 -> "{email: p499@example.com, name: [not, text], accounts: {app: {}}}"; // wrong type
        case 500 -> "{email: not-an-address, name: Person Number 500, accounts: {app: {}}}";
        case 1_999 -> "{email: p1999@example.com, name: Person Number 1999, acounts: {}}"; // the last, unknown key
        default -> "{email: p" + i + "@example.com, name: Person Number " + i + ", accounts: {app: {}}}";
      };
      yaml.append("  person").append(i).append(": ").append(person).append('\n');
    }
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, yaml);

    List<String> problems = schema.check(YamlFile.read(file, "roster.yaml")).problems().stream().map(Problem::toString).toList();
    assertProblems(problems,
        "roster.yaml:3:", "unknown key 'bogus'",
        "roster.yaml:5:", "unknown key 'emial'",
        "roster.yaml:504:", "expected string",
        "roster.yaml:505:", "email",
        "roster.yaml:2004:", "unknown key 'acounts'");
  }
}
