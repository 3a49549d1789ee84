package dev.roster.providers.keepnet;

import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Values;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One Keepnet company's target users.
 *
 * <p>Reading: {@code POST /api/target-users/search} page 1, then the other pages concurrently (at
 * most {@code concurrency} in flight). Group membership is not in the search view, so it is read per
 * group, not per user: {@code POST /api/target-groups/search} lists the groups, then
 * {@code POST /api/target-groups/{id}/users} lists each group's members (first pages of all groups
 * at once, then every remaining page at once). Manager fields are not in the search view either; they
 * are read per user ({@code GET /api/target-users/{id}}) for the users whose declared account sets
 * one, or for every user when the instance sets {@code readDetails: true} (for {@code import}).
 *
 * <p>Writing: {@code PUT} replaces the whole record, so an update first reads the user's full record
 * and sends it back with the managed attributes changed, group memberships included.
 */
final class KeepnetProvider implements Provider {
  /** Keepnet resource ids are short opaque tokens ("xC5kfGz7w2Nz"); anything else never reaches a path. */
  static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** A platform claiming more pages than this is answering nonsense: stop rather than loop. */
  static final int MAX_PAGES = 100_000;

  static final List<String> MANAGER_FIELDS = List.of("managerEmail", "managerFirstName", "managerLastName");
  /** Fields of Create/UpdateTargetUserRequest that map one-to-one to attributes of the same name. */
  private static final List<String> PLAIN_FIELDS = List.of("firstName", "lastName", "department", "priority",
      "phoneNumber", "timeZoneId", "preferredLanguageId", "managerFirstName", "managerLastName", "managerEmail");
  /** Fields the API refuses as null or empty (required or enum): left out when there is no value. */
  private static final Set<String> OMIT_WHEN_EMPTY = Set.of("phoneNumber", "priority");

  private final KeepnetApi api;
  private final KeepnetTokens tokens;
  private final int concurrency;
  private final int pageSize;
  private final boolean readDetails;
  /** Users whose manager fields were read: for the others they are unknown, and the plan says so. */
  private final Set<String> detailed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  KeepnetProvider(KeepnetApi api, KeepnetTokens tokens, int concurrency, int pageSize, boolean readDetails) {
    this.api = api;
    this.tokens = tokens;
    this.concurrency = Math.max(1, concurrency);
    this.pageSize = pageSize;
    this.readDetails = readDetails;
  }

  // ---------------------------------------------------------------- reading

  @Override
  public List<LiveAccount> list(Declared declared) {
    List<LiveAccount> live = new ArrayList<>();
    list(declared, live::add);
    return live;
  }

  /**
   * Manager fields are read (one request per user) for the users whose declared account sets one.
   * When no user needs them, each page's users are handed over as soon as it and the pages before
   * it are in, while the other pages are still out.
   */
  private void list(Declared declared, Consumer<LiveAccount> each) {
    ExecutorService pool = threads(concurrency, "keepnet-read");
    // a page's users become accounts on a thread of their own, so that the thread that brought the
    // page sends the next request at once
    ExecutorService pages = threads(1, "keepnet-pages");
    try {
      // worked out beside the first pages (two requests), so that it delays neither them nor the end
      boolean wantDetails = !readDetails && declared.anySets(MANAGER_FIELDS);
      Users users = new Users(each);
      Source userSearch = new Source("POST /api/target-users/search", p -> api.searchUsers(SearchBodies.users(p, pageSize)),
          (page, number) -> pages.execute(() -> users.page(number, page)));
      Source groupSearch = new Source("POST /api/target-groups/search", p -> api.searchGroups(SearchBodies.groups(p, pageSize)));
      // both first pages at once; each search's other pages as soon as its own first page is in
      Future<Search> userRead = search(pool, userSearch);
      Future<Search> groupRead = search(pool, groupSearch);
      List<Future<JsonNode>> userPages = result(userRead).rest();
      Map<String, Set<String>> groupsOf = membership(pool, result(groupRead).items());
      boolean withDetails = readDetails || wantDetails;
      if (!withDetails) {
        pages.execute(() -> users.handOver(groupsOf));
      }
      results(userPages);
      List<User> read = result(pages.submit(users::read)); // after every page handed to it
      if (!withDetails) {
        return;
      }
      Set<String> toDetail = new java.util.LinkedHashSet<>();
      for (User user : read) {
        // the engine's own key normalisation, so that both sides agree on what "the same e-mail" is
        if (readDetails || declared.sets(user.view().path("email").asString(""), MANAGER_FIELDS)) {
          toDetail.add(user.id());
        }
      }
      Map<String, JsonNode> details = toDetail.isEmpty() ? Map.of() : details(pool, toDetail);
      detailed.addAll(toDetail);
      for (User user : read) {
        each.accept(user.account(groupsOf, details.get(user.id())));
      }
    } finally {
      pool.shutdownNow();
      pages.shutdownNow();
    }
  }

  private static ExecutorService threads(int n, String name) {
    return Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** A user of the search, and the account its view alone makes (no groups, no manager fields). */
  private record User(String id, JsonNode view, LiveAccount account) {
    /** The account with its groups and full record; built again only when they add to what the page said. */
    LiveAccount account(Map<String, Set<String>> groupsOf, JsonNode detail) {
      Set<String> groups = groupsOf.getOrDefault(id, Set.of());
      return groups.isEmpty() && detail == null ? account : KeepnetProvider.account(id, view, detail, groups);
    }
  }

  private static List<User> users(JsonNode page) {
    List<User> users = new ArrayList<>();
    for (JsonNode view : page.path("results")) {
      String id = view.path("resourceId").asString(null);
      if (id != null && !isDeleted(view)) {
        users.add(new User(id, view, account(id, view, null, Set.of())));
      }
    }
    return users;
  }

  /**
   * The search's users page by page, each once and in page order (a user may move to the next page
   * while the pages are read). Once handed the group memberships, it hands each user over as an
   * account as soon as its page and every page before it are in. Used on one thread.
   */
  private static final class Users {
    private final Consumer<LiveAccount> each;
    /** Pages in before a page ahead of them. */
    private final Map<Integer, List<User>> early = new HashMap<>();
    private final List<User> inOrder = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int next = 1;
    private Map<String, Set<String>> groupsOf;
    private int handedOver;
    private RuntimeException failure;

    Users(Consumer<LiveAccount> each) {
      this.each = each;
    }

    void page(int number, JsonNode page) {
      kept(() -> {
        early.put(number, users(page));
        for (List<User> users; (users = early.remove(next)) != null; next++) {
          for (User user : users) {
            if (seen.add(user.id())) {
              inOrder.add(user);
            }
          }
        }
        handOverNew();
      });
    }

    /** From now on, every user in order goes out as an account, with its groups. */
    void handOver(Map<String, Set<String>> groupsOf) {
      kept(() -> {
        this.groupsOf = groupsOf;
        handOverNew();
      });
    }

    private void handOverNew() {
      for (; groupsOf != null && failure == null && handedOver < inOrder.size(); handedOver++) {
        each.accept(inOrder.get(handedOver).account(groupsOf, null));
      }
    }

    /** Runs a step on the pages' thread; its failure is kept for {@link #read}, never lost with a page. */
    private void kept(Runnable step) {
      try {
        step.run();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }

    /** Every user read, in page order; throws what reading a page, or {@code each}, threw. */
    List<User> read() {
      if (failure != null) {
        throw failure;
      }
      return inOrder;
    }
  }

  /** Member ids by user: every group's first page at once, then each group's other pages as soon as its first is in. */
  private Map<String, Set<String>> membership(ExecutorService pool, List<JsonNode> groups) {
    List<Source> sources = new ArrayList<>();
    for (JsonNode group : groups) {
      if (group.path("userCount").isNumber() && group.path("userCount").asInt() == 0) {
        continue; // nothing to read
      }
      String groupId = resourceId(group.path("resourceId").asString(null), "target group");
      sources.add(new Source("POST /api/target-groups/" + groupId + "/users",
          p -> api.groupUsers(groupId, SearchBodies.groupUsers(p, pageSize)), groupId));
    }
    List<Future<Search>> searches = new ArrayList<>();
    for (Source source : sources) {
      searches.add(search(pool, source));
    }
    Map<String, Set<String>> groupsOf = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      for (JsonNode member : result(searches.get(i)).items()) {
        String userId = member.path("resourceId").asString(null);
        if (userId != null) {
          groupsOf.computeIfAbsent(userId, k -> new TreeSet<>()).add(sources.get(i).label());
        }
      }
    }
    return groupsOf;
  }

  private Map<String, JsonNode> details(ExecutorService pool, Set<String> ids) {
    List<Future<JsonNode>> reads = new ArrayList<>();
    for (String id : ids) {
      String checked = resourceId(id, "target user");
      reads.add(pool.submit(() -> Envelope.data(call(() -> api.getUser(checked)), "GET /api/target-users/" + checked)));
    }
    List<JsonNode> records = results(reads);
    Map<String, JsonNode> byId = new HashMap<>();
    int i = 0;
    for (String id : ids) {
      byId.put(id, records.get(i++));
    }
    return byId;
  }

  /**
   * A paged search: how to ask for page N, and what to call it in errors.
   *
   * @param onPage takes each page as it comes in, or null
   */
  private record Source(String request, IntFunction<JsonNode> page, String label, ObjIntConsumer<JsonNode> onPage) {
    Source(String request, IntFunction<JsonNode> page) {
      this(request, page, request, null);
    }

    Source(String request, IntFunction<JsonNode> page, ObjIntConsumer<JsonNode> onPage) {
      this(request, page, request, onPage);
    }

    Source(String request, IntFunction<JsonNode> page, String label) {
      this(request, page, label, null);
    }
  }

  /** A search's first page, and its other pages, sent as soon as the first was in. */
  private record Search(JsonNode first, List<Future<JsonNode>> rest) {
    /** The search's results: its first page's, then each other page's, in page order. */
    List<JsonNode> items() {
      List<JsonNode> items = new ArrayList<>();
      first.path("results").forEach(items::add);
      for (JsonNode page : results(rest)) {
        page.path("results").forEach(items::add);
      }
      return items;
    }
  }

  /**
   * Page 1 of a search, sent now. The thread that brings it in sends the other pages: when the thread
   * that asked for the read did it, once woken, pages 2-5 went out 7-11 ms (medians) after page 1,
   * while the other instances' answers kept both cores busy; 5-8 ms this way.
   */
  private Future<Search> search(ExecutorService pool, Source source) {
    return pool.submit(() -> {
      JsonNode first = page(source, 1);
      return new Search(first, rest(pool, source, first));
    });
  }

  /** The other pages of a search whose first page is in, all sent now (at most {@code concurrency} in flight). */
  private List<Future<JsonNode>> rest(ExecutorService pool, Source source, JsonNode first) {
    List<Future<JsonNode>> rest = new ArrayList<>();
    for (int p = 2, pages = pageCount(first, source.request()); p <= pages; p++) {
      int pageNumber = p;
      rest.add(pool.submit(() -> page(source, pageNumber)));
    }
    return rest;
  }

  private JsonNode page(Source source, int pageNumber) {
    JsonNode data = Envelope.data(call(() -> source.page().apply(pageNumber)), source.request());
    if (source.onPage() != null) {
      source.onPage().accept(data, pageNumber);
    }
    return data;
  }

  /** {@code totalNumberOfPages}, or the records over the page size when only that is given. */
  private int pageCount(JsonNode page, String request) {
    long pages;
    if (page.path("totalNumberOfPages").canConvertToLong()) {
      pages = page.path("totalNumberOfPages").asLong();
    } else if (page.path("totalNumberOfRecords").canConvertToLong()) {
      long size = page.path("pageSize").asLong(pageSize);
      pages = (page.path("totalNumberOfRecords").asLong() + Math.max(1, size) - 1) / Math.max(1, size);
    } else {
      pages = 1;
    }
    if (pages > MAX_PAGES) {
      throw new PlatformException(200, request, "Keepnet reports " + pages + " pages", "a page count this large is not believable; check url");
    }
    return (int) Math.max(1, pages);
  }

  /** Each task's result, in order; the first failure is thrown and the tasks not done are cancelled. */
  private static <T> List<T> results(List<Future<T>> futures) {
    List<T> out = new ArrayList<>(futures.size());
    try {
      for (Future<T> f : futures) {
        out.add(result(f));
      }
    } catch (RuntimeException | Error e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    return out;
  }

  /** The task's result, or its own failure. */
  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Keepnet target users", e);
    }
  }

  /** A search view (plus the full record when details are read) in the manifest's vocabulary. */
  private static LiveAccount account(String id, JsonNode view, JsonNode detail, Set<String> groups) {
    Map<String, Object> a = new LinkedHashMap<>();
    JsonNode d = detail == null ? null : detail;
    put(a, "email", text(d, "email", view, "email"));
    put(a, "firstName", text(d, "firstName", view, "firstName"));
    put(a, "lastName", text(d, "lastName", view, "lastName"));
    put(a, "phoneNumber", text(d, "phoneNumber", view, "phoneNumber"));
    put(a, "department", text(d, "department", view, "department"));
    put(a, "priority", text(d, "priority", view, "priority"));
    if (d != null && d.path("isActive").isBoolean()) {
      a.put("isActive", d.path("isActive").asBoolean());
    } else {
      put(a, "isActive", active(view.path("status").asString(null)));
    }
    a.put("targetGroups", new ArrayList<Object>(groups));
    if (d != null) {
      for (String f : MANAGER_FIELDS) {
        put(a, f, d.path(f).asString(null));
      }
    }
    // the search view names them timeZone / preferredLanguage; the record and the requests add "Id"
    put(a, "timeZoneId", text(d, "timeZoneId", view, "timeZone"));
    put(a, "preferredLanguageId", text(d, "preferredLanguageId", view, "preferredLanguage"));
    return new LiveAccount(id, a, readOnlyReason(view));
  }

  private static String text(JsonNode detail, String detailField, JsonNode view, String viewField) {
    if (detail != null && detail.has(detailField)) {
      return detail.path(detailField).asString(null);
    }
    return view.path(viewField).asString(null);
  }

  private static void put(Map<String, Object> a, String name, Object value) {
    if (value != null) {
      a.put(name, value);
    }
  }

  /** The search view's {@code status}: Active (or 1) and Inactive (or 0); null when unknown. */
  static Boolean active(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "active", "1", "true" -> true;
      case "inactive", "passive", "disabled", "0", "false" -> false;
      default -> null;
    };
  }

  /** The search already filters deleted users out; this also drops any that slip through. */
  private static boolean isDeleted(JsonNode view) {
    String status = view.path("status").asString("");
    return status.equalsIgnoreCase("deleted") || status.equals("2") || view.path("isDeleted").asBoolean(false);
  }

  /** SCIM- and LDAP-synced users are not editable: Keepnet's directory sync owns them. */
  static String readOnlyReason(JsonNode view) {
    if (!view.path("isEditable").isBoolean() || view.path("isEditable").asBoolean()) {
      return null;
    }
    String scim = view.path("scimSettingName").asString(null);
    String ldap = view.path("ldapConfigName").asString(null);
    if (scim != null && !scim.isBlank()) {
      return "synced from SCIM setting " + scim + ": not editable in Keepnet";
    }
    if (ldap != null && !ldap.isBlank()) {
      return "synced from LDAP " + ldap + ": not editable in Keepnet";
    }
    return "not editable in Keepnet (synced from a directory)";
  }

  // ---------------------------------------------------------------- writing

  @Override
  public void apply(Change change) {
    if (change.live() != null && change.live().readOnlyReason() != null) {
      throw new PlatformException(0, null, "target user " + change.key() + " is " + change.live().readOnlyReason(),
          "change it in the directory it is synced from");
    }
    switch (change.action()) {
      case CREATE -> {
        Map<String, Object> body = createBody(change.desired());
        Envelope.data(call(() -> api.createUser(body)), "POST /api/target-users");
      }
      case UPDATE -> {
        String id = resourceId(change.liveId(), "target user");
        String get = "GET /api/target-users/" + id;
        JsonNode record = Envelope.data(call(() -> api.getUser(id)), get);
        if (!record.isObject()) {
          throw new PlatformException(200, get, "Keepnet returned no record for target user " + change.key(), null);
        }
        Map<String, Object> body = updateBody(record, change);
        Envelope.data(call(() -> api.updateUser(id, body)), "PUT /api/target-users/" + id);
      }
      case DELETE -> {
        String id = resourceId(change.liveId(), "target user");
        Envelope.data(call(() -> api.deleteUser(id)), "DELETE /api/target-users/" + id);
      }
    }
  }

  /** CreateTargetUserRequest: what the files declare; a new user is active unless they say otherwise. */
  static Map<String, Object> createBody(Map<String, Object> desired) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", plain(desired.get("email")));
    for (String f : PLAIN_FIELDS) {
      if (desired.containsKey(f)) {
        body.put(f, plain(desired.get(f)));
      }
    }
    // isActive is a non-nullable boolean: left out, Keepnet would create the user inactive
    body.put("isActive", desired.containsKey("isActive") ? desired.get("isActive") : Boolean.TRUE);
    if (desired.containsKey("targetGroups")) {
      body.put("targetGroupResourceIds", groupIds(desired.get("targetGroups")));
    }
    return body;
  }

  /**
   * UpdateTargetUserRequest, a full replacement: the user's current record with the managed attributes
   * changed. Nothing the files do not manage is dropped: custom fields and group memberships go back
   * as they are.
   */
  static Map<String, Object> updateBody(JsonNode record, Change change) {
    Map<String, Object> desired = change.desired();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", desired.containsKey("email") ? plain(desired.get("email")) : record.path("email").asString(null));
    for (String f : PLAIN_FIELDS) {
      Object value = desired.containsKey(f) ? plain(desired.get(f)) : record.path(f).asString(null);
      if (value != null || !OMIT_WHEN_EMPTY.contains(f)) {
        body.put(f, value);
      }
    }
    if (desired.containsKey("isActive")) {
      body.put("isActive", desired.get("isActive"));
    } else if (record.path("isActive").isBoolean()) {
      body.put("isActive", record.path("isActive").asBoolean());
    } else {
      body.put("isActive", !Boolean.FALSE.equals(change.live().get("isActive")));
    }
    JsonNode custom = record.path("customFieldValues");
    if (custom.isArray()) {
      body.put("customFields", custom);
    } else if (record.path("customFields").isArray()) {
      body.put("customFields", record.path("customFields"));
    }
    Object groups = desired.containsKey("targetGroups") ? desired.get("targetGroups") : change.live().get("targetGroups");
    body.put("targetGroupResourceIds", groupIds(groups));
    return body;
  }

  private static List<String> groupIds(Object groups) {
    List<String> ids = new ArrayList<>();
    if (groups instanceof List<?> list) {
      for (Object g : list) {
        ids.add(resourceId(String.valueOf(plain(g)), "target group"));
      }
    }
    return ids;
  }

  private static Object plain(Object v) {
    return v instanceof Secret s ? s.reveal() : v;
  }

  @Override
  public List<String> notes(Change change) {
    List<String> notes = new ArrayList<>();
    if (change.action() == Action.UPDATE && !readDetails && !detailed.contains(change.liveId())
        && MANAGER_FIELDS.stream().anyMatch(change::changes)) {
      notes.add("Keepnet's search does not return manager fields, so they always look changed: set "
          + "readDetails: true on this instance to compare them");
    }
    if (change.action() == Action.UPDATE && change.changes("targetGroups")
        && change.live().get("targetGroups") instanceof List<?> before) {
      List<String> left = new ArrayList<>();
      Object after = change.desired().get("targetGroups");
      for (Object g : before) {
        if (!(after instanceof List<?> a && a.contains(g))) {
          left.add(String.valueOf(g));
        }
      }
      if (!left.isEmpty()) {
        notes.add("removes the user from target group" + (left.size() == 1 ? " " : "s ") + String.join(", ", left));
      }
    }
    return notes;
  }

  // ---------------------------------------------------------------- plumbing

  /** Sends a request with the current token; when Keepnet refuses it (401), once more with a new one. */
  private <T> T call(Supplier<T> request) {
    String used = tokens.token();
    try {
      return request.get();
    } catch (PlatformException e) {
      if (e.status() != 401) {
        throw e;
      }
      tokens.renew(used);
      return request.get();
    }
  }

  static String resourceId(String id, String what) {
    if (id == null || !RESOURCE_ID.matcher(id).matches()) {
      throw new PlatformException(0, null, "Keepnet returned a " + what + " id Roster does not accept: "
          + (id == null ? "none" : dev.roster.spi.Text.clip(id, 80)),
          "resource ids are letters, digits, '-' and '_'; this is unexpected from Keepnet");
    }
    return id;
  }
}
