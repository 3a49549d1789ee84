package dev.roster.providers.chatwoot;

import dev.roster.spi.Change;
import dev.roster.spi.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bodies Roster sends to Chatwoot, from what the files declare ({@code d}, a change's desired
 * attributes) in the manifest's words.
 */
final class RequestBodies {
  private RequestBodies() {}

  /** {@code POST /platform/api/v1/users}: a new user, confirmed, with the declared password or a random one. */
  static Map<String, Object> newUser(Map<String, Object> d, String name, String email) {
    String password = d.get("password") instanceof Secret s ? s.reveal() : PasswordRule.generated();
    return present("name", name, "email", email, "password", password, "display_name", d.get("displayName"),
        "custom_attributes", d.get("customAttributes") instanceof Map<?, ?> attributes ? attributes : null);
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
    return ordered("user_id", userId, "role", role);
  }

  /**
   * {@code PATCH …/agents/{id}} after the Platform API added the membership with the column defaults:
   * the declared availability, auto-offline and custom role. Empty when none is declared.
   */
  static Map<String, Object> membershipSettings(Map<String, Object> d, String role) {
    Map<String, Object> body = present("role", role, "availability", d.get("availability"),
        "auto_offline", d.get("autoOffline"), "custom_role_id", d.get("customRoleId"));
    return body.size() == 1 ? Map.of() : body;
  }

  /** {@code POST …/agents}. */
  static Map<String, Object> newAgent(Map<String, Object> d, String name, String email, String role) {
    return present("name", name, "email", email, "role", role, "availability", d.get("availability"),
        "auto_offline", d.get("autoOffline"));
  }

  /** {@code PATCH …/agents/{id}} setting the custom role, which {@code POST …/agents} does not take. */
  static Map<String, Object> customRole(String role, Object customRoleId) {
    return ordered("role", role, "custom_role_id", customRoleId);
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
      agent.putAll(present("custom_role_id", change.value("customRoleId")));
    }
    return agent;
  }

  /**
   * {@code POST /platform/api/v1/users} with an existing user's e-mail: returns the user unchanged and
   * grants the Platform App permission on it.
   */
  static Map<String, Object> claim(Change change) {
    return ordered("name", change.live().get("name"), "email", change.live().get("email"));
  }

  /** A declared text (a secret revealed), or {@code fallback} when not declared. */
  static String text(Object value, String fallback) {
    if (value instanceof Secret s) {
      return s.reveal();
    }
    return value == null ? fallback : value.toString();
  }

  /** A JSON object with these keys and values, in this order, nulls included. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /** {@link #ordered} without the keys whose value is null: those the files do not declare. */
  static Map<String, Object> present(Object... keysAndValues) {
    Map<String, Object> object = ordered(keysAndValues);
    object.values().removeIf(Objects::isNull);
    return object;
  }
}
