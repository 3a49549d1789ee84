package dev.roster.providers.keitaro;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Keitaro Admin API v1, users (NOTES.md section 3). Ids are numbers, so no login can reach a path.
 * Bodies are plain maps: the fields sent are exactly the ones that change.
 */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface KeitaroApi {
  /** Every user, deleted ones included, in one answer. Raw, so that its shape is checked. */
  @RequestLine("GET /users")
  JsonNode users();

  @RequestLine("POST /users")
  Map<String, Object> create(Map<String, Object> body);

  @RequestLine("PUT /users/{id}")
  Map<String, Object> update(@Param("id") long id, Map<String, Object> body);

  @RequestLine("PUT /users/{id}/access")
  Map<String, Object> access(@Param("id") long id, Map<String, Object> body);

  @RequestLine("DELETE /users/{id}")
  void delete(@Param("id") long id);
}
