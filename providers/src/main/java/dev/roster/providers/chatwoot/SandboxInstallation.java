package dev.roster.providers.chatwoot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The data of the sandbox's Chatwoot installation: users shared by accounts, memberships per account,
 * and what the Platform App owns. Not thread-safe: {@link ChatwootSandbox} holds its lock around every use.
 */
final class SandboxInstallation {
  static final Set<String> ROLES = Set.of("agent", "administrator");
  /** The AccountUser enum: the code's words, not the swagger's {@code available}. */
  static final Set<String> AVAILABILITIES = Set.of("online", "offline", "busy");
  static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

  /** A Chatwoot user: one per e-mail address, across accounts. */
  static final class User {
    final long id;
    String name;
    String displayName;
    String email;
    /** Set to the e-mail when the user is created, and kept when the e-mail changes. */
    String uid;
    String password;
    final Map<String, Object> customAttributes = new LinkedHashMap<>();
    boolean confirmed;
    String accessToken = UUID.randomUUID().toString();
    /** Signed in: the agents list shows the availability set; otherwise "offline". */
    boolean present = true;

    User(long id) {
      this.id = id;
    }
  }

  /** A user's membership of one account (Chatwoot's AccountUser). */
  static final class Member {
    final long id;
    final long userId;
    String role = "agent";
    String availability = "offline";
    boolean autoOffline;

    Member(long id, long userId) {
      this.id = id;
      this.userId = userId;
    }
  }

  /** A team or an inbox of an account: a name and the user ids of its members. */
  record Group(long id, String name, Set<Long> members) {
    Group(long id, String name) {
      this(id, name, new LinkedHashSet<>());
    }
  }

  static final class Account {
    final long id;
    final String name;
    final Map<Long, Member> members = new LinkedHashMap<>();
    final Map<Long, Group> teams = new LinkedHashMap<>();
    final Map<Long, Group> inboxes = new LinkedHashMap<>();
    int agentLimit = Integer.MAX_VALUE;

    Account(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  final Map<Long, User> users = new TreeMap<>();
  /** Indexes, so that benchmarks with many agents stay linear. */
  private final Map<String, User> byEmail = new HashMap<>();
  private final Map<String, User> byToken = new HashMap<>();
  final Map<Long, Account> accounts = new TreeMap<>();
  final Set<Long> ownedUsers = new HashSet<>();
  final Set<Long> ownedAccounts = new HashSet<>();
  /** E-mail addresses Chatwoot sent a confirmation (invitation) e-mail to. */
  final List<String> invitations = new ArrayList<>();
  private long nextUserId;
  private long nextMemberId;
  private long nextTeamId;
  private long nextInboxId;

  /** A path's id, or -1, which matches nothing. */
  static long parseId(String id) {
    return id != null && id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
  }

  /** A body's id, a number or a string of digits; -1 for anything else. */
  static long idOf(JsonNode id) {
    if (id == null) {
      return -1;
    }
    return id.isIntegralNumber() ? id.asLong() : parseId(id.asString(""));
  }

  /** Chatwoot stores a team's name in lower case (Team's before_validation). */
  void addTeam(Account account, String name) {
    Group team = new Group(++nextTeamId, name.toLowerCase(Locale.ROOT));
    account.teams.put(team.id(), team);
  }

  void addInbox(Account account, String name) {
    Group inbox = new Group(++nextInboxId, name);
    account.inboxes.put(inbox.id(), inbox);
  }

  User userByToken(String token) {
    return token == null ? null : byToken.get(token);
  }

  User userByEmail(String email) {
    return email == null ? null : byEmail.get(email.toLowerCase(Locale.ROOT));
  }

  User newUser(String name, String email, String password) {
    User u = new User(++nextUserId);
    u.name = name;
    u.email = email.toLowerCase(Locale.ROOT);
    u.uid = u.email;
    u.password = password;
    users.put(u.id, u);
    byEmail.put(u.email, u);
    byToken.put(u.accessToken, u);
    return u;
  }

  void changeEmail(User user, String email) {
    byEmail.remove(user.email);
    user.email = email.toLowerCase(Locale.ROOT);
    byEmail.put(user.email, user);
  }

  /** Gives the user a fixed access token (the credential the example manifest reads). */
  void setToken(User user, String token) {
    byToken.remove(user.accessToken);
    user.accessToken = token;
    byToken.put(token, user);
  }

  Member join(Account account, User user) {
    Member m = new Member(++nextMemberId, user.id);
    account.members.put(user.id, m);
    return m;
  }

  /** Removes a membership; Chatwoot deletes a user whose last membership goes. Whether there was one. */
  boolean leave(Account account, long userId) {
    if (!dropMembership(account, userId)) {
      return false;
    }
    if (accounts.values().stream().noneMatch(a -> a.members.containsKey(userId))) {
      removeUser(userId);
    }
    return true;
  }

  /** The membership, and with it the user's teams and inboxes in that account (Agents::DestroyJob). */
  private static boolean dropMembership(Account account, long userId) {
    account.teams.values().forEach(t -> t.members().remove(userId));
    account.inboxes.values().forEach(i -> i.members().remove(userId));
    return account.members.remove(userId) != null;
  }

  void removeUser(long userId) {
    accounts.values().forEach(a -> dropMembership(a, userId));
    User u = users.remove(userId);
    if (u != null) {
      byEmail.remove(u.email);
      byToken.remove(u.accessToken);
    }
    ownedUsers.remove(userId);
  }
}
