package dev.roster.providers.chatwoot;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot's Platform API (NOTES.md 1.2 to 1.4), with a Platform App's token. The app may only touch
 * users it created or claimed, and accounts it created: anything else answers 401 "Non permissible
 * resource".
 */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface ChatwootPlatformApi {
  /** Creates the user, or returns the existing user with that e-mail UNCHANGED and claims it for the app. */
  @RequestLine("POST /platform/api/v1/users")
  Map<String, Object> createUser(Map<String, Object> body);

  /** custom_attributes are merged shallowly into the stored ones. */
  @RequestLine("PATCH /platform/api/v1/users/{id}")
  Map<String, Object> updateUser(@Param("id") long id, Map<String, Object> body);

  /** The account's memberships as stored: the availability set, not the presence shown. */
  @RequestLine("GET /platform/api/v1/accounts/{account}/account_users")
  JsonNode accountUsers(@Param("account") long account);

  /** Upsert of the membership by user_id: re-posting changes the role. */
  @RequestLine("POST /platform/api/v1/accounts/{account}/account_users")
  Map<String, Object> addAccountUser(@Param("account") long account, Map<String, Object> body);
}
