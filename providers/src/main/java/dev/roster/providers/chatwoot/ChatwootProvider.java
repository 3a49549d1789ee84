package dev.roster.providers.chatwoot;

import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.Values;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.Secret;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * The agents of one Chatwoot account. Reads: one {@code GET …/agents}, plus {@code GET …/account_users}
 * through the Platform API when the files manage what only that read shows. Writes: the Application
 * API for the membership (role, availability, auto-offline) and the name; the Platform API for what
 * only it can set (password, display name, custom attributes, email).
 */
final class ChatwootProvider implements Provider {
  /** What only the Platform API can set. */
  static final List<String> PLATFORM_ONLY = List.of("password", "displayName", "customAttributes");
  /**
   * What the plan takes from account_users rather than from the agents list: the list shows an
   * agent's presence (anyone not signed in lists as offline), account_users the availability as set.
   */
  static final List<String> MEMBERSHIP = List.of("availability", "autoOffline");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final String SPECIALS = "!@#%^*-_=+";

  private final ChatwootApi app;
  private final ChatwootPlatformApi platform;
  private final long accountId;
  /**
   * Set once the Platform API has answered "Non permissible resource" for this account (the app did not
   * create it): memberships are then added through the Application API instead.
   */
  private final AtomicBoolean accountNotOwned = new AtomicBoolean();

  /** @param platform null when the instance has no platformToken */
  ChatwootProvider(ChatwootApi app, ChatwootPlatformApi platform, long accountId) {
    this.app = app;
    this.platform = platform;
    this.accountId = accountId;
  }

  // ------------------------------------------------------------------ read

  @Override
  public List<LiveAccount> list(Declared declared) {
    List<Map<String, Object>> agents = ListAnswers.entries(app.agents(accountId),
        "GET /api/v1/accounts/" + accountId + "/agents", "agent", "id", "email");
    Map<Long, Map<String, Object>> memberships =
        platform != null && declared.anySets(MEMBERSHIP) ? memberships() : Map.of();
    List<LiveAccount> accounts = new ArrayList<>(agents.size());
    for (Map<String, Object> agent : agents) {
      // decided account by account, so that an account reads the same whichever others are declared
      // with it (a saved plan's check reads only the accounts it changes)
      boolean managed = declared.sets(agent.get("email"), MEMBERSHIP);
      Map<String, Object> membership = managed ? memberships.get(number(agent.get("id"))) : null;
      accounts.add(toAccount(agent, membership, platform == null || managed));
    }
    return accounts;
  }

  /**
   * The stored memberships by user id. When the Platform App does not own the account this read is
   * refused, and presence is all there is.
   */
  private Map<Long, Map<String, Object>> memberships() {
    JsonNode answer;
    try {
      answer = platform.accountUsers(accountId);
    } catch (PlatformException e) {
      // an account the app did not create: fine, presence is all there is. Any other refusal (a wrong
      // platformToken, a Chatwoot Cloud URL) fails the plan now rather than every platform write later.
      if (!notPermissible(e)) {
        throw e;
      }
      accountNotOwned.set(true);
      return Map.of();
    }
    List<Map<String, Object>> rows = ListAnswers.entries(answer,
        "GET /platform/api/v1/accounts/" + accountId + "/account_users", "account user", "user_id", "availability");
    Map<Long, Map<String, Object>> byUser = new HashMap<>();
    rows.forEach(row -> byUser.put(number(row.get("user_id")), row));
    return byUser;
  }

  /**
   * An agent in the manifest's words.
   *
   * @param membership its account_users row, or null when that was not read
   * @param withAvailability false where a platformToken could give the availability as set but the
   *     files do not manage it: the presence would pass for it (and {@code import} would write it down)
   */
  static LiveAccount toAccount(Map<String, Object> agent, Map<String, Object> membership, boolean withAvailability) {
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
      Object availability = membership != null && membership.get("availability") != null
          ? membership.get("availability") : agent.get("availability_status");
      a.put("availability", availability(availability));
    }
    Object autoOffline = membership != null && membership.get("auto_offline") != null
        ? membership.get("auto_offline") : agent.get("auto_offline");
    a.put("autoOffline", autoOffline);
    a.put("customAttributes", withoutNulls(agent.get("custom_attributes")));
    if (agent.get("custom_role_id") != null) {
      a.put("customRoleId", agent.get("custom_role_id"));
    }
    return new LiveAccount(String.valueOf(agent.get("id")), a);
  }

  /** The swagger's {@code available} is the code's {@code online}. */
  static Object availability(Object status) {
    return "available".equals(status) ? "online" : status;
  }

  /** Chatwoot cannot delete a key, only set it to null: a null-valued key is an absent one. */
  static Map<String, Object> withoutNulls(Object attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (attributes instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), v);
        }
      });
    }
    return out;
  }

  // ------------------------------------------------------------------ write

  @Override
  public void apply(Change change) {
    switch (change.action()) {
      case CREATE -> create(change);
      case UPDATE -> update(change);
      case DELETE -> app.deleteAgent(accountId, id(change.liveId()));
    }
  }

  private void create(Change change) {
    Map<String, Object> d = change.desired();
    String email = text(d.get("email"), change.key());
    String name = text(d.get("name"), email.substring(0, Math.max(1, email.indexOf('@'))));
    String role = text(d.get("role"), "agent");
    if (platform == null) {
      List<String> needs = platformNeeded(change);
      if (!needs.isEmpty()) {
        throw new IllegalStateException(missingPlatformToken(needs));
      }
      addThroughAgents(d, name, email, role);
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("email", email);
    body.put("password", d.get("password") instanceof Secret s ? s.reveal() : generatedPassword());
    putIfPresent(body, "display_name", d.get("displayName"));
    if (d.get("customAttributes") instanceof Map<?, ?> attributes) {
      body.put("custom_attributes", attributes);
    }
    Map<String, Object> user = platform.createUser(body);
    long userId = id(String.valueOf(user.get("id")));
    // an existing user is returned as it is (and claimed): bring its profile to what the files say
    Map<String, Object> profile = new LinkedHashMap<>();
    if (!name.equals(user.get("name"))) {
      profile.put("name", name);
    }
    if (d.get("displayName") != null && !d.get("displayName").equals(user.get("display_name"))) {
      profile.put("display_name", d.get("displayName"));
    }
    if (d.get("customAttributes") instanceof Map<?, ?> attributes) {
      Map<String, Object> update = customAttributesUpdate(user.get("custom_attributes"), attributes);
      if (!update.isEmpty()) {
        profile.put("custom_attributes", update);
      }
    }
    if (!profile.isEmpty()) {
      platform.updateUser(userId, profile);
    }
    if (accountNotOwned.get()) {
      addThroughAgents(d, name, email, role);
      return;
    }
    Map<String, Object> membership = new LinkedHashMap<>();
    membership.put("user_id", userId);
    membership.put("role", role);
    try {
      platform.addAccountUser(accountId, membership);
    } catch (PlatformException e) {
      if (!notPermissible(e)) {
        throw e;
      }
      // the app owns the user now, but not the account: the administrator's token adds the membership
      accountNotOwned.set(true);
      addThroughAgents(d, name, email, role);
      return;
    }
    Map<String, Object> agent = new LinkedHashMap<>();
    putIfPresent(agent, "availability", d.get("availability"));
    putIfPresent(agent, "auto_offline", d.get("autoOffline"));
    putIfPresent(agent, "custom_role_id", d.get("customRoleId"));
    if (!agent.isEmpty()) {
      Map<String, Object> withRole = new LinkedHashMap<>();
      withRole.put("role", role);
      withRole.putAll(agent);
      app.updateAgent(accountId, userId, withRole);
    }
  }

  /**
   * {@code POST …/agents}: Chatwoot's AgentBuilder joins the user with this e-mail to the account, or
   * creates and invites one (a confirmation e-mail) when there is none. After a Platform API create
   * the user exists and is confirmed, so nobody is e-mailed.
   */
  private void addThroughAgents(Map<String, Object> d, String name, String email, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("email", email);
    body.put("role", role);
    putIfPresent(body, "availability", d.get("availability"));
    putIfPresent(body, "auto_offline", d.get("autoOffline"));
    Map<String, Object> agent = app.createAgent(accountId, body);
    if (d.get("customRoleId") != null) {
      app.updateAgent(accountId, id(String.valueOf(agent.get("id"))),
          new LinkedHashMap<>(Map.of("role", role, "custom_role_id", d.get("customRoleId"))));
    }
  }

  static boolean notPermissible(PlatformException e) {
    return e.status() == 401 && e.getMessage() != null && e.getMessage().contains(ChatwootErrors.NOT_PERMISSIBLE);
  }

  private void update(Change change) {
    long id = id(change.liveId());
    Map<String, Object> profile = new LinkedHashMap<>();
    if (change.changes("email")) {
      profile.put("email", text(change.desired().get("email"), change.key()));
    }
    if (change.changes("displayName")) {
      profile.put("display_name", change.desired().get("displayName"));
    }
    if (change.changes("customAttributes") && change.desired().get("customAttributes") instanceof Map<?, ?> attributes) {
      profile.put("custom_attributes", customAttributesUpdate(change.live().get("customAttributes"), attributes));
    }
    if (!profile.isEmpty() && platform == null) {
      // refused before anything is sent, so that no half of the change is made
      throw new IllegalStateException(missingPlatformToken(profileFields(change)));
    }
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
      app.updateAgent(accountId, id, agent);
    }
    if (!profile.isEmpty()) {
      updateUser(id, change, profile);
    }
  }

  /**
   * PATCHes the platform user; a user the Platform App does not own yet (invited through the
   * dashboard, say) is first claimed: {@code POST /platform/api/v1/users} with its e-mail returns the
   * existing user unchanged and grants the app permission on it.
   */
  private void updateUser(long id, Change change, Map<String, Object> profile) {
    try {
      platform.updateUser(id, profile);
    } catch (PlatformException e) {
      if (!notPermissible(e)) {
        throw e;
      }
      Map<String, Object> claim = new LinkedHashMap<>();
      claim.put("name", change.live().get("name"));
      claim.put("email", change.live().get("email"));
      Map<String, Object> claimed = platform.createUser(claim);
      if (!Objects.equals(number(claimed.get("id")), id)) {
        throw new IllegalStateException("claiming " + change.live().get("email") + " through the Platform API returned user "
            + claimed.get("id") + ", not agent " + id + ": nothing was changed on the user");
      }
      platform.updateUser(id, profile);
    }
  }

  /**
   * Chatwoot merges custom attributes and cannot delete a key: what the files want, plus every live
   * key they dropped set to null (which the next read ignores).
   */
  static Map<String, Object> customAttributesUpdate(Object live, Map<?, ?> desired) {
    Map<String, Object> update = new LinkedHashMap<>();
    Map<String, Object> current = withoutNulls(live);
    desired.forEach((k, v) -> {
      if (!current.containsKey(String.valueOf(k)) || !Values.equal(current.get(String.valueOf(k)), v)) {
        update.put(String.valueOf(k), v);
      }
    });
    for (String key : current.keySet()) {
      if (!desired.containsKey(key)) {
        update.put(key, null);
      }
    }
    return update;
  }

  // ------------------------------------------------------------------ notes

  @Override
  public List<String> notes(Change change) {
    List<String> notes = new ArrayList<>();
    switch (change.action()) {
      case CREATE -> {
        if (platform == null) {
          List<String> needs = platformNeeded(change);
          if (!needs.isEmpty()) {
            notes.add("will fail: " + missingPlatformToken(needs));
          }
          notes.add("Chatwoot e-mails the person an invitation to set a password (a new user), or adds the existing user");
        } else {
          notes.add("creates the user through the Platform API without sending e-mail; an existing user with this e-mail"
              + " is joined as it is (its password is not changed)");
          if (!(change.desired().get("password") instanceof Secret)) {
            notes.add("no password declared: a random one is set and not kept; the person uses 'Forgot password'");
          }
        }
      }
      case UPDATE -> {
        List<String> profile = profileFields(change);
        if (!profile.isEmpty() && platform == null) {
          notes.add("will fail: " + missingPlatformToken(profile));
        } else if (!profile.isEmpty()) {
          notes.add("changes the user through the Platform API; a user the Platform App does not own yet is claimed"
              + " first (that changes nothing on the user)");
        }
        if (change.changes("customAttributes") && change.desired().get("customAttributes") instanceof Map<?, ?> want) {
          Set<String> removed = new TreeSet<>(withoutNulls(change.live().get("customAttributes")).keySet());
          removed.removeAll(want.keySet().stream().map(String::valueOf).toList());
          if (!removed.isEmpty()) {
            notes.add("Chatwoot cannot remove custom attribute keys: " + String.join(", ", removed)
                + (removed.size() == 1 ? " is" : " are") + " set to null");
          }
        }
        if (change.changes("name")) {
          notes.add("the name is the user's: it changes in every account the person belongs to");
        }
        if (change.changes("availability") && platform == null && !"offline".equals(change.desired().get("availability"))) {
          notes.add("without platformToken the availability read is the agent's presence: an agent who is not signed in"
              + " reads as offline, so this shows as a change again until they sign in");
        }
      }
      case DELETE -> notes.add("removes the agent from account " + accountId
          + "; Chatwoot deletes the user as well when no other account is left");
    }
    return notes;
  }

  private static List<String> platformNeeded(Change change) {
    List<String> needs = new ArrayList<>();
    for (String attribute : PLATFORM_ONLY) {
      Object v = change.desired().get(attribute);
      if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty())) {
        needs.add(attribute);
      }
    }
    return needs;
  }

  private static List<String> profileFields(Change change) {
    return List.of("email", "displayName", "customAttributes").stream().filter(change::changes).toList();
  }

  private String missingPlatformToken(List<String> attributes) {
    return String.join(", ", attributes) + (attributes.size() == 1 ? " needs" : " need")
        + " the Platform API: give this instance a platformToken (a Platform App token; self-hosted installs only),"
        + " or leave " + (attributes.size() == 1 ? "it" : "them") + " out";
  }

  // ------------------------------------------------------------------ helpers

  private static void putIfPresent(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  private static String text(Object value, String fallback) {
    if (value instanceof Secret s) {
      return s.reveal();
    }
    return value == null ? fallback : value.toString();
  }

  private static Long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    return value != null && value.toString().matches("[0-9]{1,18}") ? Long.parseLong(value.toString()) : null;
  }

  /** Ids come from Chatwoot's own answers: anything but a number there is refused, never put in a path. */
  static long id(String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      throw new IllegalStateException("Chatwoot id '" + id + "' is not a number; refusing to build a URL from it");
    }
    return Long.parseLong(id);
  }

  /** Meets Chatwoot's password rule: 24 characters with every class in it. */
  static String generatedPassword() {
    StringBuilder s = new StringBuilder("Aa1").append(SPECIALS.charAt(RANDOM.nextInt(SPECIALS.length())));
    for (int i = 0; i < 20; i++) {
      s.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    // shuffle, so that the fixed classes are not always first
    List<Character> chars = new ArrayList<>();
    s.chars().forEach(c -> chars.add((char) c));
    java.util.Collections.shuffle(chars, RANDOM);
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }
}
