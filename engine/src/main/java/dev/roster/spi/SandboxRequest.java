package dev.roster.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One request to a sandbox.
 *
 * @param path the path below the sandbox's prefix, still percent-encoded, without the query
 * @param headers lower-cased names
 */
public record SandboxRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; a body that is not JSON is the caller's 400. */
  public JsonNode json() {
    return Json.MAPPER.readTree(body.length == 0 ? "null".getBytes(StandardCharsets.UTF_8) : body);
  }
}
