package dev.roster.providers.engagelab;

import feign.Headers;
import feign.RequestLine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * EngageLab Marketing Automation REST API, users (NOTES.md section 5). Every call is a POST answering
 * {@code {"code": int, "message": string, "data": …}}, where any code but 0 is a failure even with HTTP
 * 200: the answer is returned raw and {@link EngageLabProvider} checks the code. No path takes a
 * parameter, so no user id can ever reach a URL.
 */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface EngageLabApi {

  /**
   * {@code {"identity_name": "user_id", "identity_values": [...]}} (at most 100) to
   * {@code data: [{"identity_value", "euid"}]}. Not a read: it creates the users it does not find.
   */
  @RequestLine("POST /v1/user/register")
  JsonNode register(Map<String, Object> body);

  /** {@code {"euid", "type": "set"|"delete"|…, "properties": {name: value}}}. */
  @RequestLine("POST /v1/user/property")
  JsonNode property(Map<String, Object> body);

  /** {@code {"euid", "contacts": {"email", "mobile_phone"}}}. */
  @RequestLine("POST /v1/user/contact")
  JsonNode contact(Map<String, Object> body);
}
