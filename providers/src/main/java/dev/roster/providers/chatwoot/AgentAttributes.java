package dev.roster.providers.chatwoot;

import dev.roster.spi.LiveAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An agent in the manifest's words, from its entry in the agents list and its account_users row. */
final class AgentAttributes {
  /**
   * What the plan takes from account_users rather than from the agents list: the list shows an
   * agent's presence (anyone not signed in lists as offline), account_users the availability as set.
   */
  static final List<String> MEMBERSHIP = List.of("availability", "autoOffline");

  private AgentAttributes() {}

  /**
   * @param membership its account_users row, or null when that was not read
   * @param withAvailability false where a platformToken could give the availability as set but the
   *     files do not manage it: the presence would pass for it (and {@code import} would write it down)
   * @param groups the names of its teams and inboxes by attribute, where the files manage them
   */
  static LiveAccount toAccount(Map<String, Object> agent, Map<String, Object> membership, boolean withAvailability,
      Map<String, List<String>> groups) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("email", agent.get("email"));
    a.put("name", agent.get("name"));
    // the list has no display_name, only available_name (display_name, else name)
    Object shown = agent.get("available_name");
    if (shown instanceof String s && !s.isBlank() && !s.equals(agent.get("name"))) {
      a.put("displayName", s);
    }
    a.put("role", agent.get("role"));
    if (withAvailability) {
      a.put("availability", membership != null ? membership.get("availability") : presence(agent.get("availability_status")));
    }
    Object autoOffline = membership != null && membership.get("auto_offline") != null
        ? membership.get("auto_offline") : agent.get("auto_offline");
    a.put("autoOffline", autoOffline);
    a.put("customAttributes", CustomAttributes.withoutNulls(agent.get("custom_attributes")));
    if (agent.get("custom_role_id") != null) {
      a.put("customRoleId", agent.get("custom_role_id"));
    }
    a.putAll(groups);
    // confirmed is false until the person accepts the invitation (Devise's confirmation e-mail); an
    // answer without it says nothing of an invitation
    boolean pending = Boolean.FALSE.equals(agent.get("confirmed"));
    return new LiveAccount(String.valueOf(agent.get("id")), a, null, pending);
  }

  /** The list's {@code available} (the swagger's word) is the membership's {@code online}. */
  private static Object presence(Object status) {
    return "available".equals(status) ? "online" : status;
  }
}
