package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Plain scalars get YAML 1.2's types, the first time a word is seen and every time after. */
class YamlReaderTest {
  @Test
  void plainScalarsResolveToTheirTypesEveryTime() {
    String words = "[true, True, FALSE, no, off, yes, null, Null, ~, '', 42, -7, 1.5, name, 'true', nullify, 2024-01-01, .inf]";
    JsonNode root = YamlReader.parse(("a: " + words + "\nb: " + words + "\nc:\n").getBytes(StandardCharsets.UTF_8), "t.yaml").root();
    String expected = "[true,true,false,\"no\",\"off\",\"yes\",null,null,null,\"\",42,-7,1.5,\"name\",\"true\",\"nullify\"";
    for (String key : new String[] {"a", "b"}) {
      assertEquals(expected, root.get(key).toString().substring(0, expected.length()), key);
    }
    assertEquals(root.get("a"), root.get("b"));
    assertEquals(true, root.get("c").isNull());
  }
}
