package dev.roster.manifest;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One manifest file as a JSON tree, with the place of every node: {@code locations} maps a JSON
 * pointer ({@code /users/alice/email}) to where its value starts, and {@code pointer + KEY} to
 * where its key starts.
 */
public record YamlDocument(String file, JsonNode root, Map<String, Source> locations) {
  static final String KEY = "#key";

  /** Where the value at {@code pointer} is; for a pointer with no node, its nearest ancestor. */
  public Source at(String pointer) {
    String p = pointer;
    while (true) {
      Source s = locations.get(p);
      if (s != null || p.isEmpty()) {
        return s != null ? s : new Source(file, 1, 1);
      }
      p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
  }

  /** Where the key of the entry at {@code pointer} is (falls back to its value). */
  public Source keyAt(String pointer) {
    Source s = locations.get(pointer + KEY);
    return s != null ? s : at(pointer);
  }

  /** JSON pointer escaping of one step. */
  public static String step(String name) {
    return "/" + name.replace("~", "~0").replace("/", "~1");
  }
}
