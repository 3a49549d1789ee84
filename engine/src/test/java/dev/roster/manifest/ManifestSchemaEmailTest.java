package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest schema checks {@code format: email} with Roster's {@link EmailFormat}, not networknt's
 * own: both answer alike, so only the format's remembered domains show which one ran.
 */
class ManifestSchemaEmailTest {
  @TempDir Path dir;

  @Test
  void theSchemaChecksAddressesWithRostersFormat() throws Exception {
    ManifestSchema schema = new ManifestSchema(List.of(new FakeFactory()));
    Path file = dir.resolve("roster.yaml");
    Files.writeString(file, """
        version: 1
        users:
          alice: {email: alice@example.com, name: Alice}
          bob: {email: bob@example.org, name: Bob}
          carol: {email: carol@example.com, name: Carol}
          dave: {email: "not an address", name: Dave}
        """);
    List<Problem> problems = schema.validateFile(YamlReader.read(file, "roster.yaml"));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("roster.yaml:6:17", problems.get(0).source().toString(), problems.toString());
    assertEquals(2, schema.emailFormat().domainsRemembered(), "example.com and example.org, each checked once");
  }
}
