package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema checks {@code format: email}: a wrong address is reported at its value, the others pass. */
class ManifestSchemaEmailTest {
  @TempDir Path dir;

  @Test
  void aWrongAddressIsReportedAtItsValue() throws Exception {
    ManifestSchema schema = new ManifestSchema(List.of(new FakeFactory()));
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, """
        version: 1
        users:
          alice: {email: alice@example.com, name: Alice}
          bob: {email: Bob.Stone+roster@example.org, name: Bob}
          carol: {email: o'hara@example.com, name: Carol}
          dave: {email: "not an address", name: Dave}
        """);
    List<Problem> problems = schema.check(YamlFile.read(file, "roster.yaml")).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("roster.yaml:6:17", problems.get(0).source().toString(), problems.toString());
  }
}
