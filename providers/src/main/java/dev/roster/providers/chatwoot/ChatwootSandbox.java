package dev.roster.providers.chatwoot;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxRouter;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * A stateful Chatwoot installation following NOTES.md sections 1 and 2: users shared by accounts,
 * memberships per account, the Application API agents endpoints (user tokens, administrators only
 * for writes, 402 at the licence limit) and the Platform API users and account_users endpoints
 * (a Platform App token; 401 "Non permissible resource" for users the app neither created nor
 * claimed and for accounts it did not create; POST users claims an existing user unchanged; custom
 * attributes merged, never deleted).
 *
 * <p>Two accounts: {@value #CHATWOOT_ACCOUNT} (Chatwoot, which the Platform App owns) and
 * {@value #KONVERTE_ACCOUNT} (standing in for Konverte Digital, a separate Chatwoot-based service
 * without Platform API access: an instance points at the same sandbox URL with that account id and
 * its own token).
 */
public final class ChatwootSandbox implements SandboxApi {
  public static final String API_TOKEN = "sandbox-chatwoot-token";
  public static final String PLATFORM_TOKEN = "sandbox-chatwoot-platform-token";
  public static final String KONVERTE_TOKEN = "sandbox-konverte-token";
  public static final long CHATWOOT_ACCOUNT = 1;
  public static final long KONVERTE_ACCOUNT = 2;
  /** The administrators whose tokens the two accounts' instances use: members of their account like any agent. */
  public static final String CHATWOOT_ADMIN = "support-admin@example.com";
  public static final String KONVERTE_ADMIN = "konverte-admin@example.com";

  private static final Set<String> ROLES = Set.of("agent", "administrator");
  private static final Set<String> AVAILABILITIES = Set.of("online", "offline", "busy");
  private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

  /** A Chatwoot user: one per e-mail address, across accounts. */
  public static final class User {
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

  private static final class Member {
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

  private static final class Account {
    final long id;
    final String name;
    final Map<Long, Member> members = new LinkedHashMap<>();
    int agentLimit = Integer.MAX_VALUE;

    Account(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private final Map<Long, User> users = new TreeMap<>();
  /** Indexes, so that benchmarks with many agents stay linear. */
  private final Map<String, User> byEmail = new HashMap<>();
  private final Map<String, User> byToken = new HashMap<>();
  private final Map<Long, Account> accounts = new TreeMap<>();
  private final Set<Long> ownedUsers = new HashSet<>();
  private final Set<Long> ownedAccounts = new HashSet<>();
  private final List<String> invitations = new ArrayList<>();
  private long nextUserId;
  private long nextMemberId;

  private final SandboxRouter router = new SandboxRouter()
      .on("GET", "/api/v1/accounts/{account}/agents", app(false, (r, p, a) -> listAgents(a)))
      .on("POST", "/api/v1/accounts/{account}/agents", app(true, this::createAgent))
      .on("PATCH", "/api/v1/accounts/{account}/agents/{id}", app(true, this::updateAgent))
      .on("PUT", "/api/v1/accounts/{account}/agents/{id}", app(true, this::updateAgent))
      .on("DELETE", "/api/v1/accounts/{account}/agents/{id}", app(true, this::deleteAgent))
      .on("POST", "/platform/api/v1/users", (r, p) -> createUser(r))
      .on("GET", "/platform/api/v1/users/{id}", (r, p) -> withOwnedUser(p, u -> SandboxResponse.json(200, userJson(u))))
      .on("PATCH", "/platform/api/v1/users/{id}", (r, p) -> withOwnedUser(p, u -> updateUser(u, r)))
      .on("PUT", "/platform/api/v1/users/{id}", (r, p) -> withOwnedUser(p, u -> updateUser(u, r)))
      .on("DELETE", "/platform/api/v1/users/{id}", (r, p) -> withOwnedUser(p, u -> {
        removeUser(u.id);
        return SandboxResponse.empty(200);
      }))
      .on("GET", "/platform/api/v1/accounts/{account}/account_users", (r, p) -> withOwnedAccount(p, a ->
          SandboxResponse.json(200, a.members.values().stream().map(m -> accountUserJson(a, m)).toList())))
      .on("POST", "/platform/api/v1/accounts/{account}/account_users", (r, p) -> withOwnedAccount(p, a -> upsertAccountUser(a, r)))
      .on("DELETE", "/platform/api/v1/accounts/{account}/account_users", (r, p) -> withOwnedAccount(p, a -> {
        long userId = r.json().path("user_id").asLong(-1);
        if (a.members.remove(userId) != null) {
          afterMembershipRemoved(userId);
        }
        return SandboxResponse.empty(200);
      }));

  public ChatwootSandbox() {
    reset();
  }

  @Override
  public String type() {
    return ChatwootFactory.TYPE;
  }

  @Override
  public synchronized SandboxResponse handle(SandboxRequest request) {
    if (request.path().startsWith("/platform/")) {
      if (!PLATFORM_TOKEN.equals(request.header(ChatwootFactory.TOKEN_HEADER))) {
        return error(401, "Invalid access_token");
      }
    } else if (userByToken(request.header(ChatwootFactory.TOKEN_HEADER)) == null) {
      return error(401, "Invalid Access Token");
    }
    try {
      return router.route(request, notFound());
    } catch (RuntimeException badJson) {
      return SandboxResponse.json(400, Map.of("error", "Bad request: " + badJson.getMessage()));
    }
  }

  // ------------------------------------------------------------------ Application API

  private interface AccountHandler {
    SandboxResponse handle(SandboxRequest request, Map<String, String> params, Account account);
  }

  /** Token -> account -> membership -> (for writes) administrator, as Chatwoot checks them. */
  private BiFunction<SandboxRequest, Map<String, String>, SandboxResponse> app(boolean write, AccountHandler handler) {
    return (r, p) -> {
      Account account = accounts.get(parseId(p.get("account")));
      if (account == null) {
        return error(404, "Resource could not be found");
      }
      User caller = userByToken(r.header(ChatwootFactory.TOKEN_HEADER));
      Member membership = account.members.get(caller.id);
      if (membership == null) {
        return error(401, "You are not authorized to access this account");
      }
      if (write && !"administrator".equals(membership.role)) {
        return error(401, "You are not authorized to do this action");
      }
      return handler.handle(r, p, account);
    };
  }

  private SandboxResponse listAgents(Account account) {
    List<Map<String, Object>> agents = account.members.values().stream()
        .map(m -> agentJson(account, m))
        .sorted(Comparator.comparing(a -> String.valueOf(a.get("name")).toLowerCase(Locale.ROOT)))
        .toList();
    return SandboxResponse.json(200, agents);
  }

  private SandboxResponse createAgent(SandboxRequest r, Map<String, String> p, Account account) {
    JsonNode body = agentParams(r);
    if (body == null) {
      return error(422, "param is missing or the value is empty: agent");
    }
    String email = body.path("email").asString("").strip().toLowerCase(Locale.ROOT);
    if (!email.matches(EMAIL)) {
      return invalid(email.isEmpty() ? "Email can't be blank" : "Email is invalid", "email");
    }
    String role = body.path("role").asString("agent");
    String availability = body.path("availability").asString("offline");
    if (!ROLES.contains(role)) {
      return enumError("role", role);
    }
    if (!AVAILABILITIES.contains(availability)) {
      return enumError("availability", availability);
    }
    if (account.members.size() >= account.agentLimit) {
      return error(402, "Account limit exceeded. Please purchase more licenses");
    }
    User user = userByEmail(email);
    if (user != null && account.members.containsKey(user.id)) {
      return invalid("User has already been taken", "user_id");
    }
    if (user == null) {
      user = newUser(body.path("name").asString(""), email, "1!aA" + UUID.randomUUID().toString().substring(0, 12));
      invitations.add(email); // unconfirmed: Devise sends the confirmation e-mail
    }
    Member member = join(account, user);
    member.role = role;
    member.availability = availability;
    member.autoOffline = body.path("auto_offline").asBoolean(false);
    return SandboxResponse.json(200, agentJson(account, member));
  }

  private SandboxResponse updateAgent(SandboxRequest r, Map<String, String> p, Account account) {
    Member member = account.members.get(parseId(p.get("id")));
    if (member == null) {
      return error(404, "Resource could not be found");
    }
    JsonNode body = agentParams(r);
    if (body == null) {
      return error(422, "param is missing or the value is empty: agent");
    }
    if (body.has("role") && !ROLES.contains(body.get("role").asString(""))) {
      return enumError("role", body.get("role").asString(""));
    }
    if (body.has("availability") && !AVAILABILITIES.contains(body.get("availability").asString(""))) {
      return enumError("availability", body.get("availability").asString(""));
    }
    if (body.has("name")) {
      users.get(member.userId).name = body.get("name").asString(); // the user's, in every account
    }
    if (body.has("role")) {
      member.role = body.get("role").asString();
    }
    if (body.has("availability")) {
      member.availability = body.get("availability").asString();
    }
    if (body.has("auto_offline")) {
      member.autoOffline = body.get("auto_offline").asBoolean();
    }
    return SandboxResponse.json(200, agentJson(account, member));
  }

  private SandboxResponse deleteAgent(SandboxRequest r, Map<String, String> p, Account account) {
    long userId = parseId(p.get("id"));
    if (account.members.remove(userId) == null) {
      return error(404, "Resource could not be found");
    }
    afterMembershipRemoved(userId);
    return SandboxResponse.empty(200);
  }

  /** {@code params.require(:agent)}: wrap_parameters wraps a flat JSON body under "agent". */
  private static JsonNode agentParams(SandboxRequest r) {
    JsonNode body = r.json();
    if (body == null || !body.isObject()) {
      return null;
    }
    JsonNode agent = body.has("agent") ? body.get("agent") : body;
    return agent.isObject() && !agent.isEmpty() ? agent : null;
  }

  // ------------------------------------------------------------------ Platform API

  private interface UserHandler {
    SandboxResponse handle(User user);
  }

  private interface AccountOnly {
    SandboxResponse handle(Account account);
  }

  /** Token (checked already) -> find (404) -> permission (401), in Chatwoot's order. */
  private SandboxResponse withOwnedUser(Map<String, String> p, UserHandler handler) {
    User user = users.get(parseId(p.get("id")));
    if (user == null) {
      return notFound();
    }
    if (!ownedUsers.contains(user.id)) {
      return error(401, ChatwootErrors.NOT_PERMISSIBLE);
    }
    return handler.handle(user);
  }

  private SandboxResponse withOwnedAccount(Map<String, String> p, AccountOnly handler) {
    Account account = accounts.get(parseId(p.get("account")));
    if (account == null) {
      return notFound();
    }
    if (!ownedAccounts.contains(account.id)) {
      return error(401, ChatwootErrors.NOT_PERMISSIBLE);
    }
    return handler.handle(account);
  }

  private SandboxResponse createUser(SandboxRequest r) {
    JsonNode body = r.json();
    if (body == null || !body.isObject()) {
      return invalid("Email can't be blank", "email");
    }
    String email = body.path("email").asString("").strip().toLowerCase(Locale.ROOT);
    User existing = userByEmail(email);
    if (existing != null) {
      ownedUsers.add(existing.id); // claimed, and returned unchanged
      return SandboxResponse.json(200, userJson(existing));
    }
    if (!email.matches(EMAIL)) {
      return invalid(email.isEmpty() ? "Email can't be blank" : "Email is invalid", "email");
    }
    String password = body.path("password").asString("");
    List<String> problems = passwordProblems(password);
    if (!problems.isEmpty()) {
      return invalid(String.join(", ", problems), "password");
    }
    if (!body.path("name").isString()) {
      // users.name is NOT NULL without a model validation: the database refuses it
      return SandboxResponse.json(500, Map.of("status", 500, "error", "Internal Server Error"));
    }
    User user = newUser(body.get("name").asString(), email, password);
    user.confirmed = true; // the Platform API skips confirmation: no e-mail
    if (body.path("display_name").isString()) {
      user.displayName = body.get("display_name").asString();
    }
    if (body.path("custom_attributes").isObject()) {
      user.customAttributes.putAll(toMap(body.get("custom_attributes")));
    }
    ownedUsers.add(user.id);
    return SandboxResponse.json(200, userJson(user));
  }

  private SandboxResponse updateUser(User user, SandboxRequest r) {
    JsonNode body = r.json();
    if (body == null || !body.isObject()) {
      return error(400, "Bad request");
    }
    if (body.has("email")) {
      String email = body.get("email").asString("").strip().toLowerCase(Locale.ROOT);
      if (!email.matches(EMAIL)) {
        return invalid("Email is invalid", "email");
      }
      User other = userByEmail(email);
      if (other != null && other.id != user.id) {
        return invalid("Email has already been taken", "email");
      }
    }
    if (body.has("password")) {
      List<String> problems = passwordProblems(body.get("password").asString(""));
      if (!problems.isEmpty()) {
        return invalid(String.join(", ", problems), "password");
      }
    }
    if (body.has("custom_attributes") && !body.get("custom_attributes").isObject()) {
      return invalid("Custom attributes must be an object", "custom_attributes");
    }
    if (body.has("name")) {
      user.name = body.get("name").asString();
    }
    if (body.has("display_name")) {
      user.displayName = body.get("display_name").isNull() ? null : body.get("display_name").asString();
    }
    if (body.has("email")) {
      byEmail.remove(user.email);
      user.email = body.get("email").asString().strip().toLowerCase(Locale.ROOT);
      byEmail.put(user.email, user);
    }
    if (body.has("password")) {
      user.password = body.get("password").asString();
    }
    if (body.has("custom_attributes")) {
      user.customAttributes.putAll(toMap(body.get("custom_attributes"))); // merged: keys never go away
    }
    return SandboxResponse.json(200, userJson(user));
  }

  private SandboxResponse upsertAccountUser(Account account, SandboxRequest r) {
    JsonNode body = r.json();
    User user = body == null ? null : users.get(body.path("user_id").asLong(-1));
    if (user == null) {
      return invalid("User must exist", "user");
    }
    String role = body.path("role").asString("agent");
    if (!ROLES.contains(role)) {
      return enumError("role", role);
    }
    Member member = account.members.get(user.id);
    if (member == null) {
      member = join(account, user);
      member.availability = "online"; // the column defaults, not AgentBuilder's
      member.autoOffline = true;
    }
    member.role = role;
    return SandboxResponse.json(200, accountUserJson(account, member));
  }

  // ------------------------------------------------------------------ JSON shapes

  private Map<String, Object> agentJson(Account account, Member m) {
    User u = users.get(m.userId);
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

  private Map<String, Object> userJson(User u) {
    List<Map<String, Object>> memberships = new ArrayList<>();
    for (Account account : accounts.values()) {
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
    j.put("uid", u.email);
    j.put("accounts", memberships);
    return j;
  }

  private static Map<String, Object> accountUserJson(Account account, Member m) {
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

  private static String availableName(User u) {
    return u.displayName != null && !u.displayName.isBlank() ? u.displayName : u.name;
  }

  // ------------------------------------------------------------------ state

  private User userByToken(String token) {
    if (token == null) {
      return null;
    }
    return byToken.get(token);
  }

  private User userByEmail(String email) {
    return email == null ? null : byEmail.get(email.toLowerCase(Locale.ROOT));
  }

  private User newUser(String name, String email, String password) {
    User u = new User(++nextUserId);
    u.name = name;
    u.email = email.toLowerCase(Locale.ROOT);
    u.password = password;
    users.put(u.id, u);
    byEmail.put(u.email, u);
    byToken.put(u.accessToken, u);
    return u;
  }

  private Member join(Account account, User user) {
    Member m = new Member(++nextMemberId, user.id);
    account.members.put(user.id, m);
    return m;
  }

  /** Chatwoot deletes a user whose last membership goes. */
  private void afterMembershipRemoved(long userId) {
    if (accounts.values().stream().noneMatch(a -> a.members.containsKey(userId))) {
      removeUser(userId);
    }
  }

  private void removeUser(long userId) {
    accounts.values().forEach(a -> a.members.remove(userId));
    User u = users.remove(userId);
    if (u != null) {
      byEmail.remove(u.email);
      byToken.remove(u.accessToken);
    }
    ownedUsers.remove(userId);
  }

  private static List<String> passwordProblems(String password) {
    if (password.isEmpty()) {
      return List.of("Password can't be blank");
    }
    return PasswordRule.problems(password).stream()
        .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
        .toList();
  }

  private static long parseId(String id) {
    return id != null && id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(JsonNode node) {
    return Json.MAPPER.convertValue(node, Map.class);
  }

  /** Rails' default answer for an unrescued RecordNotFound in the Platform controllers. */
  private static SandboxResponse notFound() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", 404);
    body.put("error", "Not Found");
    return SandboxResponse.json(404, body);
  }

  private static SandboxResponse error(int status, String message) {
    return SandboxResponse.json(status, Map.of("error", message));
  }

  private static SandboxResponse invalid(String message, String attribute) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("attributes", List.of(attribute));
    return SandboxResponse.json(422, body);
  }

  /** A Rails enum given an unknown value raises ArgumentError: a 500, not a 422. */
  private static SandboxResponse enumError(String attribute, String value) {
    return SandboxResponse.json(500, Map.of("status", 500, "error", "Internal Server Error",
        "exception", "'" + value + "' is not a valid " + attribute));
  }

  // ------------------------------------------------------------------ for tests and demos

  /** Adds (or reuses) the user with this e-mail as an agent of the account, as an invitation accepted long ago. */
  public synchronized User addAgent(long accountId, String email, String name, String role, String availability) {
    Account account = accounts.get(accountId);
    User user = userByEmail(email);
    if (user == null) {
      user = newUser(name, email, "Sandbox-" + UUID.randomUUID());
      user.confirmed = true;
    }
    Member m = account.members.containsKey(user.id) ? account.members.get(user.id) : join(account, user);
    m.role = role;
    m.availability = availability;
    return user;
  }

  /** The account's agents as its agents list shows them. */
  @SuppressWarnings("unchecked")
  public synchronized List<Map<String, Object>> agents(long accountId) {
    return (List<Map<String, Object>>) (List<?>) Json.MAPPER.readValue(listAgents(accounts.get(accountId)).body(), List.class);
  }

  /** The user with this e-mail as the Platform API shows it (ownership aside), or null. */
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> user(String email) {
    User u = userByEmail(email);
    return u == null ? null : Json.MAPPER.convertValue(userJson(u), Map.class);
  }

  /** The stored custom attributes of a user, null values included. */
  public synchronized Map<String, Object> storedCustomAttributes(String email) {
    return new LinkedHashMap<>(userByEmail(email).customAttributes);
  }

  public synchronized String password(String email) {
    User u = userByEmail(email);
    return u == null ? null : u.password;
  }

  public synchronized boolean ownedByPlatformApp(String email) {
    User u = userByEmail(email);
    return u != null && ownedUsers.contains(u.id);
  }

  public synchronized void setDisplayName(String email, String displayName) {
    userByEmail(email).displayName = displayName;
  }

  public synchronized void setCustomAttributes(String email, Map<String, Object> attributes) {
    userByEmail(email).customAttributes.putAll(attributes);
  }

  /** Whether the user is signed in: the agents list shows "offline" for anyone who is not. */
  public synchronized void setPresent(String email, boolean present) {
    userByEmail(email).present = present;
  }

  public synchronized void setAgentLimit(long accountId, int limit) {
    accounts.get(accountId).agentLimit = limit;
  }

  /** E-mail addresses Chatwoot sent a confirmation (invitation) e-mail to. */
  public synchronized List<String> invitations() {
    return List.copyOf(invitations);
  }

  @Override
  public synchronized void reset() {
    users.clear();
    byEmail.clear();
    byToken.clear();
    accounts.clear();
    ownedUsers.clear();
    ownedAccounts.clear();
    invitations.clear();
    nextUserId = 0;
    nextMemberId = 0;
    accounts.put(CHATWOOT_ACCOUNT, new Account(CHATWOOT_ACCOUNT, "Support"));
    accounts.put(KONVERTE_ACCOUNT, new Account(KONVERTE_ACCOUNT, "Konverte Digital"));
    ownedAccounts.add(CHATWOOT_ACCOUNT); // the Platform App created the Chatwoot account, not Konverte's
    tokenFor(addAgent(CHATWOOT_ACCOUNT, CHATWOOT_ADMIN, "Support Admin", "administrator", "online"), API_TOKEN);
    tokenFor(addAgent(KONVERTE_ACCOUNT, KONVERTE_ADMIN, "Konverte Admin", "administrator", "online"), KONVERTE_TOKEN);
  }

  /** Gives the user a fixed access token (the credential the example manifest reads). */
  private void tokenFor(User user, String token) {
    byToken.remove(user.accessToken);
    user.accessToken = token;
    byToken.put(token, user);
  }

  @Override
  public synchronized void seedDemo() {
    for (long account : List.of(CHATWOOT_ACCOUNT, KONVERTE_ACCOUNT)) {
      addAgent(account, "alice@example.com", "Alice Liddell", "agent", "online");
      addAgent(account, "carol@example.com", "Carol Danvers", "agent", "offline");
    }
    setCustomAttributes("alice@example.com", Map.of("team", "support"));
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("CHATWOOT_API_TOKEN", API_TOKEN, "CHATWOOT_PLATFORM_TOKEN", PLATFORM_TOKEN,
        "KONVERTE_API_TOKEN", KONVERTE_TOKEN);
  }
}
