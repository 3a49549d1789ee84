package dev.roster.providers.chatwoot;

import dev.roster.spi.Change;
import dev.roster.spi.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies Roster sends to Chatwoot, from what the files declare ({@code d}, a change's desired
 * attributes) in the manifest's words.
 */
final class RequestBodies {
  private RequestBodies() {}

  /** {@code POST /platform/api/v1/users}: a new user, confirmed, with the declared password or a random one. */
  static Map<String, Object> newUser(Map<String, Object> d, String name, String email) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("email", email);
    body.put("password", d.get("password") instanceof Secret s ? s.reveal() : PasswordRule.generated());
    putIfPresent(body, "display_name", d.get("displayName"));
    if (d.get("customAttributes") instanceof Map<?, ?> attributes) {
      body.put("custom_attributes", attributes);
    }
    return body;
  }

  /**
   * {@code PATCH /platform/api/v1/users/{id}} after a create returned {@code user}: an existing user is
   * returned as it is (and claimed), so its profile is brought to what the files say. Empty when it
   * already is (a new user has what was sent).
   */
  static Map<String, Object> profileCatchUp(Map<String, Object> d, String name, Map<String, Object> user) {
    Map<String, Object> profile = new LinkedHashMap<>();
    if (!name.equals(user.get("name"))) {
      profile.put("name", name);
    }
    if (d.get("displayName") != null && !d.get("displayName").equals(user.get("display_name"))) {
      profile.put("display_name", d.get("displayName"));
    }
    if (d.get("customAttributes") instanceof Map<?, ?> attributes) {
      Map<String, Object> update = CustomAttributes.update(user.get("custom_attributes"), attributes);
      if (!update.isEmpty()) {
        profile.put("custom_attributes", update);
      }
    }
    return profile;
  }

  /** {@code POST /platform/api/v1/accounts/{account}/account_users}. */
  static Map<String, Object> membership(long userId, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_id", userId);
    body.put("role", role);
    return body;
  }

  /**
   * {@code PATCH …/agents/{id}} after the Platform API added the membership with the column defaults:
   * the declared availability, auto-offline and custom role. Empty when none is declared.
   */
  static Map<String, Object> membershipSettings(Map<String, Object> d, String role) {
    Map<String, Object> settings = new LinkedHashMap<>();
    putIfPresent(settings, "availability", d.get("availability"));
    putIfPresent(settings, "auto_offline", d.get("autoOffline"));
    putIfPresent(settings, "custom_role_id", d.get("customRoleId"));
    if (settings.isEmpty()) {
      return settings;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", role);
    body.putAll(settings);
    return body;
  }

  /** {@code POST …/agents}. */
  static Map<String, Object> newAgent(Map<String, Object> d, String name, String email, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("email", email);
    body.put("role", role);
    putIfPresent(body, "availability", d.get("availability"));
    putIfPresent(body, "auto_offline", d.get("autoOffline"));
    return body;
  }

  /** {@code PATCH …/agents/{id}} setting the custom role, which {@code POST …/agents} does not take. */
  static Map<String, Object> customRole(String role, Object customRoleId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", role);
    body.put("custom_role_id", customRoleId);
    return body;
  }

  /** {@code PATCH /platform/api/v1/users/{id}} for an update: what the user's profile changes. */
  static Map<String, Object> profileChanges(Change change) {
    Map<String, Object> profile = new LinkedHashMap<>();
    if (change.changes("email")) {
      profile.put("email", text(change.desired().get("email"), change.key()));
    }
    if (change.changes("displayName")) {
      profile.put("display_name", change.desired().get("displayName"));
    }
    if (change.changes("customAttributes") && change.desired().get("customAttributes") instanceof Map<?, ?> attributes) {
      profile.put("custom_attributes", CustomAttributes.update(change.live().get("customAttributes"), attributes));
    }
    return profile;
  }

  /** {@code PATCH …/agents/{id}} for an update: the name and the membership; empty when neither changes. */
  static Map<String, Object> agentChanges(Change change) {
    Map<String, Object> agent = new LinkedHashMap<>();
    if (change.changes("name")) {
      agent.put("name", change.desired().get("name"));
    }
    if (change.changes("availability")) {
      agent.put("availability", change.desired().get("availability"));
    }
    if (change.changes("autoOffline")) {
      agent.put("auto_offline", change.desired().get("autoOffline"));
    }
    if (change.changes("role") || change.changes("customRoleId") || !agent.isEmpty()) {
      // the spec requires role; enterprise builds clear custom_role_id when it is left out
      agent.put("role", change.value("role"));
      putIfPresent(agent, "custom_role_id", change.value("customRoleId"));
    }
    return agent;
  }

  /**
   * {@code POST /platform/api/v1/users} with an existing user's e-mail: returns the user unchanged and
   * grants the Platform App permission on it.
   */
  static Map<String, Object> claim(Change change) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", change.live().get("name"));
    body.put("email", change.live().get("email"));
    return body;
  }

  /** A declared text (a secret revealed), or {@code fallback} when not declared. */
  static String text(Object value, String fallback) {
    if (value instanceof Secret s) {
      return s.reveal();
    }
    return value == null ? fallback : value.toString();
  }

  private static void putIfPresent(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
