package dev.roster.providers.chatwoot;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot's Application API, agents of one account (NOTES.md 1.5), with an administrator's token.
 * Account and agent ids are numbers, so no key from a manifest can reach a path.
 */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface ChatwootApi {
  /** Every agent of the account, in one answer: no paging, no filters. Raw, so that its shape is checked. */
  @RequestLine("GET /api/v1/accounts/{account}/agents")
  JsonNode agents(@Param("account") long account);

  /** Invites: creates the user (unconfirmed, Chatwoot e-mails them) or reuses one, then adds the membership. */
  @RequestLine("POST /api/v1/accounts/{account}/agents")
  Map<String, Object> createAgent(@Param("account") long account, Map<String, Object> body);

  /** {@code name} changes the user; role, availability and auto_offline change the membership. */
  @RequestLine("PATCH /api/v1/accounts/{account}/agents/{id}")
  Map<String, Object> updateAgent(@Param("account") long account, @Param("id") long id, Map<String, Object> body);

  /** Removes the membership; Chatwoot deletes the user when no account is left. */
  @RequestLine("DELETE /api/v1/accounts/{account}/agents/{id}")
  void deleteAgent(@Param("account") long account, @Param("id") long id);
}
