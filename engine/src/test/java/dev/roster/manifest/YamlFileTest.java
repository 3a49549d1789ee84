package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Reading one file: YAML 1.2's plain types, the places of keys and values, and what a manifest refuses. */
class YamlFileTest {
  @TempDir Path dir;

  private YamlFile read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("t.yaml"), yaml);
    return YamlFile.read(file, "t.yaml");
  }

  @Test
  void plainScalarsResolveToTheirTypesEveryTime() throws Exception {
    String words = "[true, True, FALSE, no, off, yes, null, Null, ~, '', 42, -7, 1.5, name, 'true', nullify, 2024-01-01, .inf]";
    JsonNode root = read("a: " + words + "\nb: " + words + "\nc:\n").root();
    String expected = "[true,true,false,\"no\",\"off\",\"yes\",null,null,null,\"\",42,-7,1.5,\"name\",\"true\",\"nullify\"";
    for (String key : new String[] {"a", "b"}) {
      assertEquals(expected, root.get(key).toString().substring(0, expected.length()), key);
    }
    assertEquals(root.get("a"), root.get("b"));
    assertEquals(true, root.get("c").isNull());
  }

  @Test
  void everyKeyAndValueHasItsPlace() throws Exception {
    YamlFile file = read("version: 1\nusers:\n  alice:\n    email: a@example.com\n    tags: [x, y]\n  bob: {name: Bob}\n");
    assertEquals("t.yaml:3:3", file.keyAt("/users/alice").toString());
    assertEquals("t.yaml:4:12", file.at("/users/alice/email").toString());
    assertEquals("t.yaml:5:15", file.at("/users/alice/tags/1").toString());
    assertEquals("t.yaml:6:9", file.keyAt("/users/bob/name").toString());
    assertEquals("t.yaml:6:8", file.keyAt("/users/bob/nickname").toString(), "no such key: its nearest ancestor");
    JsonNode users = file.root().get("users");
    assertEquals("t.yaml:6:3", file.keyAt(users, 1).toString());
    assertEquals("t.yaml:6:8", file.valueAt(users, 1).toString());
  }

  @Test
  void anAliasSharesItsAnchorsValueAndPlaces() throws Exception {
    YamlFile file = read("version: 1\nusers:\n  a: &x {name: A}\n  b: *x\n");
    JsonNode users = file.root().get("users");
    assertSame(users.get("a"), users.get("b"));
    assertEquals(file.at("/users/a/name"), file.at("/users/b/name"));
  }

  @Test
  void problemsInOneFileAreReportedTogether() {
    ManifestException e = assertThrows(ManifestException.class,
        () -> read("version: 1\nusers:\n  a: !!binary aGk=\n  a: {}\n  <<: {}\n"));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).toString().startsWith("t.yaml:3:6: tag 'tag:yaml.org,2002:binary' is not allowed"), e.getMessage());
  }
}
