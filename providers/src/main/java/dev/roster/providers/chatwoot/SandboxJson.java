package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.RequestBodies.ordered;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Group;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.Json;
import dev.roster.spi.SandboxResponse;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's answers in Chatwoot's shapes: the agent, user, account_users, team and inbox JSON, and
 * its error bodies.
 */
final class SandboxJson {
  /** The records' timestamps: fixed, so that answers do not depend on the clock. */
  private static final String CREATED = "2026-01-01T00:00:00.000Z";

  private SandboxJson() {}

  /** {@code app/views/api/v1/models/_agent.json.jbuilder}. */
  static Map<String, Object> agent(Account account, Member m, User u) {
    return withoutEmptyCustomAttributes(ordered("id", u.id, "account_id", account.id,
        "availability_status", u.present ? m.availability : "offline", "auto_offline", m.autoOffline,
        "confirmed", u.confirmed, "email", u.email, "provider", "email", "available_name", availableName(u),
        "custom_attributes", new LinkedHashMap<>(u.customAttributes), "name", u.name, "role", m.role,
        "thumbnail", ""));
  }

  /** The Platform API's user, with its memberships. */
  static Map<String, Object> user(User u, Collection<Account> accounts) {
    List<Map<String, Object>> memberships = accounts.stream().filter(a -> a.members.containsKey(u.id))
        .map(a -> ordered("id", a.id, "name", a.name, "active_at", null, "role", a.members.get(u.id).role)).toList();
    Map<String, Object> first = memberships.isEmpty() ? Map.of() : memberships.get(0);
    return withoutEmptyCustomAttributes(ordered("access_token", u.accessToken, "account_id", first.get("id"),
        "available_name", availableName(u), "avatar_url", "", "confirmed", u.confirmed,
        "display_name", u.displayName, "message_signature", null, "email", u.email, "id", u.id, "name", u.name,
        "provider", "email", "pubsub_token", "pubsub-" + u.id,
        "custom_attributes", new LinkedHashMap<>(u.customAttributes), "role", first.get("role"),
        "ui_settings", Map.of(), "uid", u.uid, "accounts", memberships));
  }

  /** Chatwoot leaves custom_attributes out while the user has none. */
  private static Map<String, Object> withoutEmptyCustomAttributes(Map<String, Object> json) {
    if (json.get("custom_attributes") instanceof Map<?, ?> attributes && attributes.isEmpty()) {
      json.remove("custom_attributes");
    }
    return json;
  }

  /** An AccountUser record as {@code render json:} writes it. */
  static Map<String, Object> accountUser(Account account, Member m) {
    return ordered("id", m.id, "account_id", account.id, "user_id", m.userId, "role", m.role, "inviter_id", null,
        "created_at", CREATED, "updated_at", CREATED, "active_at", null, "availability", m.availability,
        "auto_offline", m.autoOffline, "custom_role_id", null, "agent_capacity_policy_id", null);
  }

  /** {@code app/views/api/v1/models/_team.json.jbuilder}; is_member is the caller's. */
  static Map<String, Object> team(Account account, Group team, Member caller) {
    return ordered("id", team.id(), "name", team.name(), "description", "", "allow_auto_assign", true,
        "account_id", account.id, "is_member", team.members().contains(caller.userId));
  }

  /** An inbox, as far as the swagger's {@code inbox} schema goes without channel settings. */
  static Map<String, Object> inbox(Group inbox) {
    return ordered("id", inbox.id(), "avatar_url", "", "channel_id", inbox.id(), "name", inbox.name(),
        "channel_type", "Channel::WebWidget", "enable_auto_assignment", true, "greeting_enabled", false,
        "working_hours_enabled", false);
  }

  /** The agents among these user ids, in the account's agent JSON. */
  static List<Map<String, Object>> agents(Account account, Collection<Long> userIds, Map<Long, User> users) {
    return userIds.stream().filter(account.members::containsKey)
        .map(id -> agent(account, account.members.get(id), users.get(id))).toList();
  }

  /** The account's agents, ordered by name like Chatwoot's {@code lower(name)}. */
  static List<Map<String, Object>> agentsByName(Account account, Map<Long, User> users) {
    return agents(account, account.members.keySet(), users).stream()
        .sorted(Comparator.comparing(agent -> String.valueOf(agent.get("name")).toLowerCase(Locale.ROOT)))
        .toList();
  }

  private static String availableName(User u) {
    return u.displayName != null && !u.displayName.isBlank() ? u.displayName : u.name;
  }

  /** A request's {@code email}, as Chatwoot stores it: stripped, in lower case; empty when there is none. */
  static String email(JsonNode body) {
    return body.path("email").asString("").strip().toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(JsonNode node) {
    return Json.MAPPER.convertValue(node, Map.class);
  }

  // ------------------------------------------------------------------ errors

  /** Rails' default answer for an unrescued RecordNotFound in the Platform controllers. */
  static SandboxResponse notFound() {
    return SandboxResponse.json(404, ordered("status", 404, "error", "Not Found"));
  }

  static SandboxResponse error(int status, String message) {
    return SandboxResponse.json(status, Map.of("error", message));
  }

  /** A record invalid: {@code {"message", "attributes"}} with 422. */
  static SandboxResponse invalid(String message, String attribute) {
    return SandboxResponse.json(422, ordered("message", message, "attributes", List.of(attribute)));
  }

  /** A Rails enum given an unknown value raises ArgumentError: a 500, not a 422. */
  static SandboxResponse enumError(String attribute, String value) {
    return SandboxResponse.json(500, Map.of("status", 500, "error", "Internal Server Error",
        "exception", "'" + value + "' is not a valid " + attribute));
  }
}
