package dev.roster.providers.keepnet;

import dev.roster.spi.ReadOnlyRequest;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Keepnet REST API calls Roster makes (target users and the group membership it reads). Every
 * answer is the {@code ServiceResult} envelope, read leniently by {@link KeepnetAnswers}. Searches are POSTs
 * that only read, so plan may send them.
 */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface KeepnetApi {

  @ReadOnlyRequest
  @RequestLine("POST /api/target-users/search")
  JsonNode searchUsers(JsonNode body);

  @RequestLine(value = "GET /api/target-users/{resourceId}", decodeSlash = false)
  JsonNode getUser(@Param("resourceId") String resourceId);

  @RequestLine("POST /api/target-users")
  JsonNode createUser(Map<String, Object> body);

  /** A full replacement: fields left out are cleared. */
  @RequestLine(value = "PUT /api/target-users/{resourceId}", decodeSlash = false)
  JsonNode updateUser(@Param("resourceId") String resourceId, Map<String, Object> body);

  @RequestLine(value = "DELETE /api/target-users/{resourceId}", decodeSlash = false)
  JsonNode deleteUser(@Param("resourceId") String resourceId);

  @ReadOnlyRequest
  @RequestLine("POST /api/target-groups/search")
  JsonNode searchGroups(JsonNode body);

  @ReadOnlyRequest
  @RequestLine(value = "POST /api/target-groups/{resourceId}/users", decodeSlash = false)
  JsonNode groupUsers(@Param("resourceId") String groupResourceId, JsonNode body);

  /**
   * {@code POST /connect/token}: form-encoded only (a JSON body gets a 500). The form is set by
   * {@link KeepnetTokens#formBody}, not by a Feign body template, which would decode {@code %2F}
   * in a secret back to {@code /}.
   */
  interface Token {
    @ReadOnlyRequest
    @RequestLine("POST /connect/token")
    @Headers({"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"})
    JsonNode token();
  }
}
