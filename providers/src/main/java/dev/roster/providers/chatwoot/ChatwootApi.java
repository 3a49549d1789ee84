package dev.roster.providers.chatwoot;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot's Application API, agents of one account (NOTES.md 1.5) and their teams and inboxes, with
 * an administrator's token. Account, agent, team and inbox ids are numbers, so no key or name from a
 * manifest can reach a path.
 *
 * <p>{@code PATCH} on a team's or an inbox's members replaces the whole list; it is not used: one
 * agent is added ({@code POST}) or removed ({@code DELETE}) at a time, so that members the files do
 * not manage are never touched, whatever happened to the list since it was read.
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

  /** The account's teams: a plain list of {id, name, …}; Chatwoot stores team names in lower case. */
  @RequestLine("GET /api/v1/accounts/{account}/teams")
  JsonNode teams(@Param("account") long account);

  /** The team's members: a plain list of agents. */
  @RequestLine("GET /api/v1/accounts/{account}/teams/{team}/team_members")
  JsonNode teamMembers(@Param("account") long account, @Param("team") long team);

  /** Adds these users to the team, leaving its other members as they are. Body {@code {"user_ids": [..]}}. */
  @RequestLine("POST /api/v1/accounts/{account}/teams/{team}/team_members")
  JsonNode addTeamMembers(@Param("account") long account, @Param("team") long team, Map<String, Object> body);

  /** Removes these users from the team. Body {@code {"user_ids": [..]}}. */
  @RequestLine("DELETE /api/v1/accounts/{account}/teams/{team}/team_members")
  void removeTeamMembers(@Param("account") long account, @Param("team") long team, Map<String, Object> body);

  /** The account's inboxes (every one, for an administrator): {@code {"payload": [{id, name, …}]}}. */
  @RequestLine("GET /api/v1/accounts/{account}/inboxes")
  JsonNode inboxes(@Param("account") long account);

  /** The inbox's members: {@code {"payload": [agents]}}. */
  @RequestLine("GET /api/v1/accounts/{account}/inbox_members/{inbox}")
  JsonNode inboxMembers(@Param("account") long account, @Param("inbox") long inbox);

  /** Adds these users to the inbox, leaving its other members as they are. Body {@code {"inbox_id", "user_ids"}}. */
  @RequestLine("POST /api/v1/accounts/{account}/inbox_members")
  JsonNode addInboxMembers(@Param("account") long account, Map<String, Object> body);

  /** Removes these users from the inbox. Body {@code {"inbox_id", "user_ids"}}. */
  @RequestLine("DELETE /api/v1/accounts/{account}/inbox_members")
  void removeInboxMembers(@Param("account") long account, Map<String, Object> body);
}
