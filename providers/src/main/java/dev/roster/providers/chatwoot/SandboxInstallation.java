package dev.roster.providers.chatwoot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

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

  static final class Account {
    final long id;
    final String name;
    final Map<Long, Member> members = new LinkedHashMap<>();
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

  /** A path's id, or -1, which matches nothing. */
  static long parseId(String id) {
    return id != null && id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
  }

  void clear() {
    users.clear();
    byEmail.clear();
    byToken.clear();
    accounts.clear();
    ownedUsers.clear();
    ownedAccounts.clear();
    invitations.clear();
    nextUserId = 0;
    nextMemberId = 0;
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
    if (account.members.remove(userId) == null) {
      return false;
    }
    if (accounts.values().stream().noneMatch(a -> a.members.containsKey(userId))) {
      removeUser(userId);
    }
    return true;
  }

  void removeUser(long userId) {
    accounts.values().forEach(a -> a.members.remove(userId));
    User u = users.remove(userId);
    if (u != null) {
      byEmail.remove(u.email);
      byToken.remove(u.accessToken);
    }
    ownedUsers.remove(userId);
  }
}
