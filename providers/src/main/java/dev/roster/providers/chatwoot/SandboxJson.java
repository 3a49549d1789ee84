package dev.roster.providers.chatwoot;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Group;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.Json;
import dev.roster.spi.SandboxResponse;
import java.util.ArrayList;
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
  private SandboxJson() {}

  /** {@code app/views/api/v1/models/_agent.json.jbuilder}. */
  static Map<String, Object> agent(Account account, Member m, User u) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", u.id);
    a.put("account_id", account.id);
    a.put("availability_status", u.present ? m.availability : "offline");
    a.put("auto_offline", m.autoOffline);
    a.put("confirmed", u.confirmed);
    a.put("email", u.email);
    a.put("provider", "email");
    a.put("available_name", availableName(u));
    if (!u.customAttributes.isEmpty()) {
      a.put("custom_attributes", new LinkedHashMap<>(u.customAttributes));
    }
    a.put("name", u.name);
    a.put("role", m.role);
    a.put("thumbnail", "");
    return a;
  }

  /** The Platform API's user, with its memberships. */
  static Map<String, Object> user(User u, Iterable<Account> accounts) {
    List<Map<String, Object>> memberships = new ArrayList<>();
    for (Account account : accounts) {
      Member m = account.members.get(u.id);
      if (m != null) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", account.id);
        entry.put("name", account.name);
        entry.put("active_at", null);
        entry.put("role", m.role);
        memberships.add(entry);
      }
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("access_token", u.accessToken);
    j.put("account_id", memberships.isEmpty() ? null : memberships.get(0).get("id"));
    j.put("available_name", availableName(u));
    j.put("avatar_url", "");
    j.put("confirmed", u.confirmed);
    j.put("display_name", u.displayName);
    j.put("message_signature", null);
    j.put("email", u.email);
    j.put("id", u.id);
    j.put("name", u.name);
    j.put("provider", "email");
    j.put("pubsub_token", "pubsub-" + u.id);
    if (!u.customAttributes.isEmpty()) {
      j.put("custom_attributes", new LinkedHashMap<>(u.customAttributes));
    }
    j.put("role", memberships.isEmpty() ? null : memberships.get(0).get("role"));
    j.put("ui_settings", Map.of());
    j.put("uid", u.uid);
    j.put("accounts", memberships);
    return j;
  }

  /** An AccountUser record as {@code render json:} writes it. */
  static Map<String, Object> accountUser(Account account, Member m) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", m.id);
    j.put("account_id", account.id);
    j.put("user_id", m.userId);
    j.put("role", m.role);
    j.put("inviter_id", null);
    j.put("created_at", "2026-01-01T00:00:00.000Z");
    j.put("updated_at", "2026-01-01T00:00:00.000Z");
    j.put("active_at", null);
    j.put("availability", m.availability);
    j.put("auto_offline", m.autoOffline);
    j.put("custom_role_id", null);
    j.put("agent_capacity_policy_id", null);
    return j;
  }

  /** {@code app/views/api/v1/models/_team.json.jbuilder}; is_member is the caller's. */
  static Map<String, Object> team(Account account, Group team, User caller) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", team.id);
    j.put("name", team.name);
    j.put("description", "");
    j.put("allow_auto_assign", true);
    j.put("account_id", account.id);
    j.put("is_member", team.members.contains(caller.id));
    return j;
  }

  /** An inbox, as far as the swagger's {@code inbox} schema goes without channel settings. */
  static Map<String, Object> inbox(Group inbox) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("id", inbox.id);
    j.put("avatar_url", "");
    j.put("channel_id", inbox.id);
    j.put("name", inbox.name);
    j.put("channel_type", "Channel::WebWidget");
    j.put("enable_auto_assignment", true);
    j.put("greeting_enabled", false);
    j.put("working_hours_enabled", false);
    return j;
  }

  /** The agents among these user ids, in the account's agent JSON. */
  static List<Map<String, Object>> agents(Account account, Iterable<Long> userIds, Map<Long, User> users) {
    List<Map<String, Object>> agents = new ArrayList<>();
    for (long id : userIds) {
      if (account.members.containsKey(id)) {
        agents.add(agent(account, account.members.get(id), users.get(id)));
      }
    }
    return agents;
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 404);
    body.put("error", "Not Found");
    return SandboxResponse.json(404, body);
  }

  static SandboxResponse error(int status, String message) {
    return SandboxResponse.json(status, Map.of("error", message));
  }

  /** A record invalid: {@code {"message", "attributes"}} with 422. */
  static SandboxResponse invalid(String message, String attribute) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("attributes", List.of(attribute));
    return SandboxResponse.json(422, body);
  }

  /** A Rails enum given an unknown value raises ArgumentError: a 500, not a 422. */
  static SandboxResponse enumError(String attribute, String value) {
    return SandboxResponse.json(500, Map.of("status", 500, "error", "Internal Server Error",
        "exception", "'" + value + "' is not a valid " + attribute));
  }
}
