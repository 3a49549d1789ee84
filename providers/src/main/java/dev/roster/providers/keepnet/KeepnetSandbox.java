package dev.roster.providers.keepnet;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxRouter;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A stateful fake of the Keepnet REST API, as far as target users go (NOTES.md section 4 and the
 * spec): the client-credentials token endpoint (form-encoded only, tokens that expire), the
 * {@code ServiceResult} envelope, paged searches with the quickstart's body rules, soft deletion
 * (deleted users stay searchable unless the search filters them out), {@code PUT} as a full
 * replacement, the update's tighter field limits, and SCIM/LDAP-synced users that cannot be edited.
 *
 * <p>Where the platform's behaviour is unknown, the sandbox picks one and says so: a missing
 * {@code phoneNumber} is accepted (the docs' own example omits it), a duplicate e-mail is a 400 with a
 * validation message, priorities are Low/Medium/High, and a missing {@code isActive} means false (a
 * .NET non-nullable boolean).
 */
public final class KeepnetSandbox implements SandboxApi {
  public static final String CLIENT_ID = "sandbox-keepnet-client";
  public static final String CLIENT_SECRET = "sandbox-keepnet-secret";
  public static final String COMPANY_ID = "sandboxCompany";
  /** The company's target groups, present after every reset (Roster does not manage groups). */
  public static final String ENGINEERING = "grpEngineering";
  public static final String SUPPORT = "grpSupport";
  static final int MAX_PAGE_SIZE = 500;

  private static final Set<String> USER_FIELDS = Set.of("email", "firstName", "lastName", "department", "priority",
      "isActive", "customFields", "phoneNumber", "targetGroupResourceIds", "timeZoneId", "preferredLanguageId",
      "managerFirstName", "managerLastName", "managerEmail");
  private static final Set<String> PRIORITIES = Set.of("Low", "Medium", "High");
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  /** One target user as the platform stores it. */
  public static final class User {
    String resourceId;
    String email;
    String firstName;
    String lastName;
    String department;
    String priority;
    boolean isActive = true;
    String phoneNumber;
    String timeZoneId;
    String preferredLanguageId;
    String managerFirstName;
    String managerLastName;
    String managerEmail;
    List<Object> customFields = new ArrayList<>();
    long created;
    Instant createTime;
    Instant updateTime;
    boolean deleted;
    boolean editable = true;
    String scimSettingName;
    String ldapConfigName;
  }

  record Group(String resourceId, String name, Instant createTime, Set<String> members) {}

  private final SandboxRouter router = new SandboxRouter();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, User> users = new LinkedHashMap<>();
  /** Users by lower-cased e-mail, deleted ones too (a look-up checks): a create finds a clash without a scan. */
  private final Map<String, List<User>> byEmail = new HashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, Instant> tokens = new HashMap<>();
  private long sequence;
  private long tokenLifetimeSeconds = 3600;
  private int tokensIssued;
  private volatile long searchDelayMillis;
  private final AtomicInteger searchesInFlight = new AtomicInteger();
  private final AtomicInteger maxSearchesInFlight = new AtomicInteger();

  public KeepnetSandbox() {
    this(Clock.systemUTC());
  }

  KeepnetSandbox(Clock clock) {
    this.clock = clock;
    router.on("POST", "/connect/token", (r, p) -> token(r))
        .on("POST", "/api/target-users/search", (r, p) -> authorized(r, () -> searchUsers(r)))
        .on("POST", "/api/target-users", (r, p) -> authorized(r, () -> create(r)))
        .on("GET", "/api/target-users/{id}", (r, p) -> authorized(r, () -> get(p.get("id"))))
        .on("PUT", "/api/target-users/{id}", (r, p) -> authorized(r, () -> update(p.get("id"), r)))
        .on("DELETE", "/api/target-users/{id}", (r, p) -> authorized(r, () -> delete(p.get("id"))))
        .on("POST", "/api/target-groups/search", (r, p) -> authorized(r, () -> searchGroups(r)))
        .on("POST", "/api/target-groups/{id}/users", (r, p) -> authorized(r, () -> groupUsers(p.get("id"), r)));
    reset();
  }

  @Override
  public String type() {
    return KeepnetFactory.TYPE;
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    return router.route(request, SandboxResponse.json(404, envelope(null, "NotFound", "Resource not found", null)));
  }

  @Override
  public synchronized void reset() {
    users.clear();
    byEmail.clear();
    groups.clear();
    tokens.clear();
    sequence = 0;
    tokensIssued = 0;
    tokenLifetimeSeconds = 3600;
    searchDelayMillis = 0;
    maxSearchesInFlight.set(0);
    addGroup(ENGINEERING, "Engineering");
    addGroup(SUPPORT, "Support");
  }

  /**
   * alice is in Sales (the demo manifest moves her to Engineering and its group), carol is on Keepnet
   * but in no file (prune deletes her), dave is synced from SCIM (never changed: shown as skipped),
   * and bob is absent (created).
   */
  @Override
  public synchronized void seedDemo() {
    reset();
    User alice = addUser("alice@example.com", "Alice", "Liddell");
    alice.department = "Sales";
    User carol = addUser("carol@example.com", "Carol", "Danvers");
    carol.department = "Support";
    groups.get(SUPPORT).members().add(carol.resourceId);
    User dave = addUser("dave@example.com", "Dave", "Lister");
    dave.editable = false;
    dave.scimSettingName = "Okta";
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("KEEPNET_CLIENT_ID", CLIENT_ID, "KEEPNET_CLIENT_SECRET", CLIENT_SECRET);
  }

  // ---------------------------------------------------------------- test helpers

  /** Adds an active, editable target user; returns it for further setting (under this sandbox's lock). */
  public synchronized User addUser(String email, String firstName, String lastName) {
    User u = new User();
    u.resourceId = newId();
    setEmail(u, email);
    u.firstName = firstName;
    u.lastName = lastName;
    u.created = ++sequence;
    u.createTime = clock.instant().plusMillis(u.created);
    users.put(u.resourceId, u);
    return u;
  }

  public synchronized void addGroup(String resourceId, String name) {
    groups.put(resourceId, new Group(resourceId, name, clock.instant().plusMillis(++sequence), new LinkedHashSet<>()));
  }

  public synchronized void addMember(String groupId, String userId) {
    groups.get(groupId).members().add(userId);
  }

  /** Live (not deleted) users by lower-cased e-mail. */
  public synchronized Map<String, User> liveUsers() {
    Map<String, User> out = new LinkedHashMap<>();
    users.values().stream().filter(u -> !u.deleted).forEach(u -> out.put(u.email.toLowerCase(Locale.ROOT), u));
    return out;
  }

  /** Every user ever created, deleted ones included. */
  public synchronized int storedUsers() {
    return users.size();
  }

  /** The groups a user belongs to. */
  public synchronized Set<String> groupsOf(String userId) {
    Set<String> out = new LinkedHashSet<>();
    groups.values().forEach(g -> {
      if (g.members().contains(userId)) {
        out.add(g.resourceId());
      }
    });
    return out;
  }

  public synchronized int tokensIssued() {
    return tokensIssued;
  }

  public synchronized void setTokenLifetimeSeconds(long seconds) {
    this.tokenLifetimeSeconds = seconds;
  }

  /** Every token issued so far stops working, as if its hour had passed. */
  public synchronized void expireTokens() {
    tokens.replaceAll((t, expiry) -> Instant.EPOCH);
  }

  /** Holds every search answer this long, so that tests can see how many run at once. */
  public void setSearchDelayMillis(long millis) {
    this.searchDelayMillis = millis;
  }

  /** The most search requests this sandbox has been answering at the same moment. */
  public int maxSearchesInFlight() {
    return maxSearchesInFlight.get();
  }

  // ---------------------------------------------------------------- token

  private SandboxResponse token(SandboxRequest r) {
    String type = r.header("content-type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      // what Keepnet does with a JSON token request
      return SandboxResponse.json(500, Map.of("message", "An error occurred while processing your request."));
    }
    Map<String, String> form = form(r.bodyText());
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return SandboxResponse.json(400, Map.of("error", "unsupported_grant_type"));
    }
    if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      return SandboxResponse.json(400, Map.of("error", "invalid_client"));
    }
    String scope = form.getOrDefault("scope", "");
    if (!List.of(scope.split(" ")).contains("api1")) {
      return SandboxResponse.json(400, Map.of("error", "invalid_scope"));
    }
    String token;
    long lifetime;
    synchronized (this) {
      token = "kn." + newId() + newId() + newId();
      lifetime = tokenLifetimeSeconds;
      tokens.put(token, clock.instant().plusSeconds(lifetime));
      tokensIssued++;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("expires_in", lifetime);
    body.put("token_type", "Bearer");
    body.put("scope", "api1");
    return SandboxResponse.json(200, body);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private SandboxResponse authorized(SandboxRequest r, java.util.function.Supplier<SandboxResponse> handler) {
    String auth = r.header("authorization");
    boolean valid;
    synchronized (this) {
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
      Instant expiry = token == null ? null : tokens.get(token);
      valid = expiry != null && clock.instant().isBefore(expiry);
    }
    if (!valid) {
      return SandboxResponse.empty(401).withHeader("WWW-Authenticate",
          auth == null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }
    String company = r.header(KeepnetFactory.COMPANY_HEADER);
    if (company != null && !company.equals(COMPANY_ID)) {
      return SandboxResponse.json(403, envelope(null, "Forbidden", "You are not authorized to manage this company", null));
    }
    return handler.get();
  }

  // ---------------------------------------------------------------- searches

  /** A parsed search body, or the answer refusing it. */
  private record Search(int pageNumber, int pageSize, boolean excludeDeleted, boolean activeOnly, String email,
      SandboxResponse refusal) {}

  private Search search(SandboxRequest r) {
    JsonNode body;
    try {
      body = r.json();
    } catch (JacksonException e) {
      return refused(SandboxResponse.json(400, envelope(null, "Invalid", "INPUT_ERROR", List.of("The request body is not valid JSON"))));
    }
    if (body == null || !body.isObject() || body.isEmpty()) {
      return refused(SandboxResponse.json(400, envelope(null, "Invalid", "INPUT_ERROR", List.of("The request body is required"))));
    }
    JsonNode filter = field(body, "filter");
    if (filter == null || !filter.isObject()) {
      // the platform dereferences the filter without a check
      return refused(SandboxResponse.json(500, envelope(null, "Error", "Object reference not set to an instance of an object.", null)));
    }
    JsonNode text = field(filter, "searchInputTextValue");
    if (text == null || !text.isString()) {
      return refused(invalid("INPUT_ERROR", "filter.searchInputTextValue must be a string (\"\" for none)"));
    }
    JsonNode orderBy = field(body, "orderBy");
    if (orderBy == null || !orderBy.isString() || !Set.of("createtime", "email", "name").contains(orderBy.asString().toLowerCase(Locale.ROOT))) {
      return refused(invalid("INPUT_ERROR", "orderBy must be CreateTime or Email"));
    }
    JsonNode ascending = field(body, "ascending");
    if (ascending == null || !ascending.isBoolean()) {
      return refused(invalid("INPUT_ERROR", "ascending is required"));
    }
    JsonNode pn = field(body, "pageNumber");
    JsonNode ps = field(body, "pageSize");
    if (pn == null || !pn.isInt() || pn.asInt() < 1 || ps == null || !ps.isInt() || ps.asInt() < 1) {
      return refused(invalid("INPUT_ERROR", "pageNumber and pageSize must be positive integers"));
    }
    boolean excludeDeleted = false;
    boolean activeOnly = false;
    String email = null;
    List<JsonNode> items = new ArrayList<>();
    collect(field(filter, "filterGroups"), items);
    for (JsonNode item : items) {
      String name = str(field(item, "fieldName")).toLowerCase(Locale.ROOT);
      String op = str(field(item, "operator")).toLowerCase(Locale.ROOT);
      JsonNode v = field(item, "value");
      String value = v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
      switch (name) {
        case "isdeleted" -> excludeDeleted = value.equalsIgnoreCase("false");
        case "status" -> activeOnly = op.equals("include") && value.equals("1");
        case "email" -> email = value;
        default -> {
          return refused(invalid("INPUT_ERROR", "unknown filter field " + name));
        }
      }
    }
    return new Search(pn.asInt(), Math.min(MAX_PAGE_SIZE, ps.asInt()), excludeDeleted, activeOnly, email, null);
  }

  private static Search refused(SandboxResponse response) {
    return new Search(0, 0, false, false, null, response);
  }

  private static void collect(JsonNode groupList, List<JsonNode> out) {
    if (groupList == null || !groupList.isArray()) {
      return;
    }
    for (JsonNode g : groupList) {
      JsonNode items = field(g, "filterItems");
      if (items != null && items.isArray()) {
        items.forEach(out::add);
      }
      collect(field(g, "filterGroups"), out);
    }
  }

  private SandboxResponse searchUsers(SandboxRequest r) {
    Search s = search(r);
    if (s.refusal() != null) {
      return s.refusal();
    }
    // one pass that counts the matches and keeps only the page's own: a list of every match for each
    // page was most of the sandbox's CPU per page, which the benchmark's plan waits on in each round trip
    long from = (long) (s.pageNumber() - 1) * s.pageSize();
    List<Map<String, Object>> results = new ArrayList<>();
    int total = 0;
    synchronized (this) {
      for (User u : users.values()) {
        if ((s.excludeDeleted() && u.deleted) || (s.activeOnly() && !u.isActive)
            || (s.email() != null && !u.email.equalsIgnoreCase(s.email()))) {
          continue;
        }
        if (total >= from && results.size() < s.pageSize()) {
          results.add(view(u));
        }
        total++;
      }
    }
    return paged(new Page(results, total), s);
  }

  private SandboxResponse searchGroups(SandboxRequest r) {
    Search s = search(r);
    if (s.refusal() != null) {
      return s.refusal();
    }
    List<Map<String, Object>> views = new ArrayList<>();
    synchronized (this) {
      for (Group g : groups.values()) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("resourceId", g.resourceId());
        v.put("name", g.name());
        v.put("companyName", "Sandbox Company");
        v.put("userCount", (int) g.members().stream().filter(id -> !users.get(id).deleted).count());
        v.put("priority", "Medium");
        v.put("createTime", g.createTime().toString());
        v.put("isEditable", true);
        v.put("isScimGroup", false);
        views.add(v);
      }
    }
    return paged(page(views, s, v -> v), s);
  }

  private SandboxResponse groupUsers(String groupId, SandboxRequest r) {
    Search s = search(r);
    if (s.refusal() != null) {
      return s.refusal();
    }
    Page page;
    synchronized (this) {
      Group g = groups.get(groupId);
      if (g == null) {
        return SandboxResponse.json(404, envelope(null, "NotFound", "Target group not found", null));
      }
      page = page(g.members().stream().map(users::get)
          .filter(u -> !(s.excludeDeleted() && u.deleted))
          .sorted(java.util.Comparator.comparingLong(u -> u.created))
          .toList(), s, this::view);
    }
    return paged(page, s);
  }

  /** One page of a search: only its own records are turned into views (10,000 users, 100 pages). */
  private record Page(List<Map<String, Object>> results, int total) {}

  private static <T> Page page(List<T> all, Search s, java.util.function.Function<T, Map<String, Object>> view) {
    int total = all.size();
    int from = (int) Math.min(total, (long) (s.pageNumber() - 1) * s.pageSize());
    int to = (int) Math.min(total, (long) from + s.pageSize());
    return new Page(all.subList(from, to).stream().map(view).toList(), total);
  }

  private SandboxResponse paged(Page page, Search s) {
    int inFlight = searchesInFlight.incrementAndGet();
    maxSearchesInFlight.accumulateAndGet(inFlight, Math::max);
    try {
      long delay = searchDelayMillis;
      if (delay > 0) {
        Thread.sleep(delay);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      searchesInFlight.decrementAndGet();
    }
    int total = page.total();
    int pages = (int) ((total + (long) s.pageSize() - 1) / s.pageSize());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pageNumber", s.pageNumber());
    data.put("pageSize", s.pageSize());
    data.put("totalNumberOfPages", pages);
    data.put("totalNumberOfRecords", total);
    data.put("results", page.results());
    return SandboxResponse.json(200, envelope(data, "Success", null, null));
  }

  /** TargetUserSearchView. */
  private Map<String, Object> view(User u) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("resourceId", u.resourceId);
    v.put("email", u.email);
    v.put("firstName", u.firstName);
    v.put("lastName", u.lastName);
    v.put("department", u.department);
    v.put("priority", u.priority);
    v.put("status", u.deleted ? "Deleted" : u.isActive ? "Active" : "Inactive");
    v.put("customFieldValues", u.customFields);
    v.put("createTime", u.createTime.toString());
    v.put("updateTime", u.updateTime == null ? null : u.updateTime.toString());
    v.put("isEditable", u.editable);
    v.put("scimSettingName", u.scimSettingName);
    v.put("ldapConfigName", u.ldapConfigName);
    v.put("phoneNumber", u.phoneNumber);
    v.put("timeZone", u.timeZoneId);
    v.put("preferredLanguage", u.preferredLanguageId);
    return v;
  }

  /** TargetUserDto. */
  private static Map<String, Object> dto(User u) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("resourceId", u.resourceId);
    d.put("email", u.email);
    d.put("firstName", u.firstName);
    d.put("lastName", u.lastName);
    d.put("department", u.department);
    d.put("priority", u.priority);
    d.put("isActive", u.isActive);
    d.put("customFieldValues", u.customFields);
    d.put("phoneNumber", u.phoneNumber);
    d.put("timeZoneId", u.timeZoneId);
    d.put("preferredLanguageId", u.preferredLanguageId);
    d.put("managerFirstName", u.managerFirstName);
    d.put("managerLastName", u.managerLastName);
    d.put("managerEmail", u.managerEmail);
    String full = ((u.managerFirstName == null ? "" : u.managerFirstName) + " "
        + (u.managerLastName == null ? "" : u.managerLastName)).strip();
    d.put("managerFullName", full.isEmpty() ? null : full);
    return d;
  }

  // ---------------------------------------------------------------- target users

  private synchronized SandboxResponse get(String id) {
    User u = users.get(id);
    if (u == null || u.deleted) {
      return SandboxResponse.json(404, envelope(null, "NotFound", "Target user not found", null));
    }
    return SandboxResponse.json(200, envelope(dto(u), "Success", null, null));
  }

  private synchronized SandboxResponse create(SandboxRequest r) {
    JsonNode body = body(r);
    List<String> problems = validate(body, 256, null);
    if (!problems.isEmpty()) {
      return SandboxResponse.json(400, envelope(null, "Invalid", "Validation failed", problems));
    }
    User u = new User();
    u.resourceId = newId();
    u.created = ++sequence;
    u.createTime = clock.instant().plusMillis(u.created);
    write(u, body);
    users.put(u.resourceId, u);
    return SandboxResponse.json(200, envelope(Map.of("resourceId", u.resourceId), "Success", "Target user created", null));
  }

  private synchronized SandboxResponse update(String id, SandboxRequest r) {
    User u = users.get(id);
    if (u == null || u.deleted) {
      return SandboxResponse.json(404, envelope(null, "NotFound", "Target user not found", null));
    }
    if (!u.editable) {
      return SandboxResponse.json(400, envelope(null, "Invalid", "This target user is synced from "
          + (u.scimSettingName != null ? "SCIM" : "LDAP") + " and cannot be edited", null));
    }
    JsonNode body = body(r);
    List<String> problems = validate(body, 40, id);
    if (!problems.isEmpty()) {
      return SandboxResponse.json(400, envelope(null, "Invalid", "Validation failed", problems));
    }
    write(u, body);
    u.updateTime = clock.instant();
    return SandboxResponse.json(200, envelope(Map.of("resourceId", u.resourceId), "Success", "Target user updated", null));
  }

  private synchronized SandboxResponse delete(String id) {
    User u = users.get(id);
    if (u == null || u.deleted) {
      return SandboxResponse.json(404, envelope(null, "NotFound", "Target user not found", null));
    }
    if (!u.editable) {
      return SandboxResponse.json(400, envelope(null, "Invalid", "This target user is synced from a directory and cannot be deleted", null));
    }
    u.deleted = true; // soft: still found by a search that does not filter deleted users out
    groups.values().forEach(g -> g.members().remove(id));
    return SandboxResponse.json(200, envelope(Map.of("resourceId", id), "Success", "Target user deleted", null));
  }

  private static JsonNode body(SandboxRequest r) {
    try {
      return r.json();
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Create (names up to 256) and update (names up to 40, department up to 64) validation. */
  private List<String> validate(JsonNode body, int nameMax, String self) {
    List<String> p = new ArrayList<>();
    if (body == null || !body.isObject()) {
      p.add("A non-empty request body is required.");
      return p;
    }
    for (String name : body.propertyNames()) {
      if (!USER_FIELDS.contains(name)) {
        p.add("The JSON property '" + name + "' could not be mapped to any field.");
      }
    }
    String email = body.path("email").isString() ? body.path("email").asString() : null;
    if (email == null || email.isBlank()) {
      p.add("The Email field is required.");
    } else if (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+")) {
      p.add("The Email field is not a valid e-mail address.");
    } else {
      for (User other : byEmail.getOrDefault(email.toLowerCase(Locale.ROOT), List.of())) {
        if (!other.deleted && !other.resourceId.equals(self)) {
          p.add("A target user with the email " + email + " already exists.");
        }
      }
    }
    if (body.has("phoneNumber") && !body.path("phoneNumber").isNull()
        && (!body.path("phoneNumber").isString() || body.path("phoneNumber").asString().isEmpty())) {
      p.add("The field PhoneNumber must be a string with a minimum length of 1.");
    }
    limit(body, "firstName", nameMax, p);
    limit(body, "lastName", nameMax, p);
    limit(body, "managerFirstName", nameMax, p);
    limit(body, "managerLastName", nameMax, p);
    limit(body, "department", nameMax == 40 ? 64 : 256, p);
    limit(body, "managerEmail", 320, p);
    JsonNode priority = body.get("priority");
    if (priority != null && !priority.isNull() && !PRIORITIES.contains(priority.asString(""))) {
      p.add("The value '" + priority + "' is not a valid TargetUserPriority (Low, Medium, High).");
    }
    JsonNode active = body.get("isActive");
    if (active != null && !active.isBoolean()) {
      p.add("isActive must be a boolean.");
    }
    JsonNode groupIds = body.get("targetGroupResourceIds");
    if (groupIds != null && !groupIds.isNull()) {
      if (!groupIds.isArray()) {
        p.add("targetGroupResourceIds must be an array.");
      } else {
        for (JsonNode g : groupIds) {
          if (!groups.containsKey(g.asString(""))) {
            p.add("Target group not found: " + g.asString(""));
          }
        }
      }
    }
    return p;
  }

  private void setEmail(User u, String email) {
    List<User> same = u.email == null ? null : byEmail.get(u.email.toLowerCase(Locale.ROOT));
    if (same != null) {
      same.remove(u);
    }
    u.email = email;
    byEmail.computeIfAbsent(email.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(u);
  }

  private static void limit(JsonNode body, String field, int max, List<String> p) {
    JsonNode v = body.get(field);
    if (v != null && !v.isNull() && (!v.isString() || v.asString().length() > max)) {
      p.add("The field " + Character.toUpperCase(field.charAt(0)) + field.substring(1)
          + " must be a string with a maximum length of " + max + ".");
    }
  }

  /** A full replacement: a field the body leaves out is cleared, as Keepnet's PUT does. */
  private void write(User u, JsonNode body) {
    setEmail(u, body.path("email").asString());
    u.firstName = text(body, "firstName");
    u.lastName = text(body, "lastName");
    u.department = text(body, "department");
    u.priority = text(body, "priority");
    u.isActive = body.path("isActive").asBoolean(false);
    u.phoneNumber = text(body, "phoneNumber");
    u.timeZoneId = text(body, "timeZoneId");
    u.preferredLanguageId = text(body, "preferredLanguageId");
    u.managerFirstName = text(body, "managerFirstName");
    u.managerLastName = text(body, "managerLastName");
    u.managerEmail = text(body, "managerEmail");
    u.customFields = new ArrayList<>();
    if (body.path("customFields").isArray()) {
      body.path("customFields").forEach(c -> u.customFields.add(Json.MAPPER.convertValue(c, Object.class)));
    }
    Set<String> wanted = new LinkedHashSet<>();
    body.path("targetGroupResourceIds").forEach(g -> wanted.add(g.asString()));
    groups.values().forEach(g -> {
      if (wanted.contains(g.resourceId())) {
        g.members().add(u.resourceId);
      } else {
        g.members().remove(u.resourceId);
      }
    });
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  // ---------------------------------------------------------------- helpers

  /** ServiceResult&lt;T&gt;, the spec's envelope. */
  static Map<String, Object> envelope(Object data, String status, String message, List<String> validation) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("data", data);
    e.put("status", status);
    e.put("message", message);
    e.put("validationMessages", validation);
    return e;
  }

  private static SandboxResponse invalid(String message, String validation) {
    return SandboxResponse.json(400, envelope(null, "Invalid", message, List.of(validation)));
  }

  /** A property by name ignoring case: ASP.NET binds camelCase and PascalCase alike. */
  private static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    for (String n : node.propertyNames()) {
      if (n.equalsIgnoreCase(name)) {
        return node.get(n);
      }
    }
    return null;
  }

  private static String str(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asString("");
  }

  private String newId() {
    StringBuilder s = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
