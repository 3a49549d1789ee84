package dev.roster.providers.keepnet;

import static dev.roster.providers.keepnet.TargetUser.MANAGER_FIELDS;

import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PagedRead;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One Keepnet company's target users.
 *
 * <p>Reading, all on one {@link PagedRead}: the target users search and the target groups search
 * (the company's groups) start together, each sending its other pages once its first is in. Group
 * membership is not in the search view, so it is read per group, not per user
 * ({@code POST /api/target-groups/{id}/users}, paged). Manager fields are not in the search view
 * either: they are read per user ({@code GET /api/target-users/{id}}) for the users whose declared
 * account sets one, or for every user when the instance sets {@code readDetails: true} (for
 * {@code import}).
 *
 * <p>Target groups are shown and may be written by name ({@link TargetGroups}); the files may also
 * give resource ids. Writing: {@code PUT} replaces the whole record, so an update first reads the
 * user's full record and sends it back with the managed attributes changed, group memberships
 * included, as resource ids resolved through the group list.
 */
final class KeepnetProvider implements Provider {
  /** Keepnet resource ids are short opaque tokens ("xC5kfGz7w2Nz"); anything else never reaches a path. */
  static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final KeepnetApi api;
  private final KeepnetTokens tokens;
  private final int concurrency;
  private final int pageSize;
  private final boolean readDetails;
  /** Users whose manager fields were read: for the others they are unknown, and the plan says so. */
  private final Set<String> detailed = ConcurrentHashMap.newKeySet();
  /** The company's groups, once read: by the plan's list, or by the first change that needs them. */
  private volatile TargetGroups groups;

  KeepnetProvider(KeepnetApi api, KeepnetTokens tokens, int concurrency, int pageSize, boolean readDetails) {
    this.api = api;
    this.tokens = tokens;
    this.concurrency = concurrency;
    this.pageSize = pageSize;
    this.readDetails = readDetails;
  }

  // ---------------------------------------------------------------- reading

  @Override
  public List<LiveAccount> list(Declared declared) {
    try (PagedRead read = new PagedRead(concurrency)) {
      // both first pages go out at once (whichever asks first fetches the token). Inactive users are read
      // too: isActive is managed, and a user left out of the list would be planned as a new one
      var userSearch = search(read, "POST /api/target-users/search",
          p -> api.searchUsers(SearchPage.body(p, pageSize, "newVersion", true)));
      List<JsonNode> groupViews = PagedRead.join(groupSearch(read));
      TargetGroups named = new TargetGroups(groupViews);
      Map<String, CompletableFuture<List<JsonNode>>> members = members(read, groupViews);
      Map<String, JsonNode> views = views(PagedRead.join(userSearch));
      Map<String, CompletableFuture<JsonNode>> records = records(read, views, declared);
      Map<String, Set<String>> groupsOf = new HashMap<>();
      members.forEach((groupId, results) -> {
        for (JsonNode member : PagedRead.join(results)) {
          groupsOf.computeIfAbsent(member.path("resourceId").asString(), k -> new LinkedHashSet<>()).add(groupId);
        }
      });
      List<LiveAccount> live = new ArrayList<>(views.size());
      views.forEach((id, view) -> {
        CompletableFuture<JsonNode> record = records.get(id);
        live.add(TargetUser.account(id, view, record == null ? null : PagedRead.join(record),
            named.shown(groupsOf.getOrDefault(id, Set.of()))));
      });
      detailed.addAll(records.keySet());
      groups = named;
      return live;
    }
  }

  /** Target groups the company made (not system-generated ones). */
  private CompletableFuture<List<JsonNode>> groupSearch(PagedRead read) {
    return search(read, "POST /api/target-groups/search",
        p -> api.searchGroups(SearchPage.body(p, pageSize, "systemGeneratedGroups", false)));
  }

  /** Every result of a search, in page order: its first page, then all others at once. */
  private CompletableFuture<List<JsonNode>> search(PagedRead read, String request, IntFunction<JsonNode> page) {
    return read.pages(p -> SearchPage.read(request, p, pageSize, send(request, () -> page.apply(p))),
        SearchPage::pageCount).thenApply(SearchPage::results);
  }

  /** The company's groups: as the plan read them, or read now (once) for the changes being applied. */
  private synchronized TargetGroups groups() {
    if (groups == null) {
      try (PagedRead read = new PagedRead(concurrency)) {
        groups = new TargetGroups(PagedRead.join(groupSearch(read)));
      }
    }
    return groups;
  }

  /** Each group's members (deleted users left out) by group id; a group that says it has no users is not read. */
  private Map<String, CompletableFuture<List<JsonNode>>> members(PagedRead read, List<JsonNode> groups) {
    Map<String, CompletableFuture<List<JsonNode>>> members = new LinkedHashMap<>();
    for (JsonNode group : groups) {
      if (group.path("userCount").isNumber() && group.path("userCount").asInt() == 0) {
        continue;
      }
      String id = resourceId(group.path("resourceId").asString(), "target group");
      members.put(id, search(read, "POST /api/target-groups/" + id + "/users",
          p -> api.groupUsers(id, SearchPage.body(p, pageSize, "excludeGroupUsers", true))));
    }
    return members;
  }

  /** The search's users that are not deleted, by id, in page order. */
  private static Map<String, JsonNode> views(List<JsonNode> results) {
    Map<String, JsonNode> views = new LinkedHashMap<>();
    for (JsonNode view : results) {
      // a user pushed onto the next page while the pages were read is one account, where it came first
      if (!TargetUser.isDeleted(view)) {
        views.putIfAbsent(view.path("resourceId").asString(), view);
      }
    }
    return views;
  }

  /** The full records of the users whose declared account sets a manager field, or of all with readDetails. */
  private Map<String, CompletableFuture<JsonNode>> records(PagedRead read, Map<String, JsonNode> views,
      Declared declared) {
    Map<String, CompletableFuture<JsonNode>> records = new HashMap<>();
    views.forEach((id, view) -> {
      String email = view.path("email").asString(null);
      // Declared compares keys as the engine does, so both sides agree on what "the same e-mail" is
      if (readDetails || declared.sets(email, MANAGER_FIELDS)) {
        String checked = resourceId(id, "target user");
        records.put(id, read.one(() -> record(checked, email == null ? checked : email)));
      }
    });
    return records;
  }

  /** A user's full record, which carries what the search view leaves out. */
  private JsonNode record(String id, String user) {
    JsonNode record = send("GET /api/target-users/" + id, () -> api.getUser(id));
    if (!record.isObject()) {
      throw new PlatformException(200, "GET /api/target-users/" + id,
          "Keepnet returned no record for target user " + user, null);
    }
    return record;
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
        Object declared = change.desired().get("targetGroups");
        List<String> groupIds = declared == null ? null : groupIds(declared);
        Map<String, Object> body = TargetUser.createBody(change.desired(), groupIds);
        send("POST /api/target-users", () -> api.createUser(body));
      }
      // a suspension is an update of isActive alone: the same PUT, never a DELETE. A rename is an
      // update too: the new e-mail goes to the same resourceId
      case UPDATE, SUSPEND -> {
        String id = resourceId(change.liveId(), "target user");
        // the groups as declared, or as read when the files do not manage them: the PUT keeps them
        List<String> groupIds = groupIds(change.value("targetGroups"));
        Map<String, Object> body = TargetUser.updateBody(record(id, change.key()), change, groupIds);
        send("PUT /api/target-users/" + id, () -> api.updateUser(id, body));
      }
      case DELETE -> {
        String id = resourceId(change.liveId(), "target user");
        send("DELETE /api/target-users/" + id, () -> api.deleteUser(id));
      }
    }
  }

  /** Resource ids of the groups a list names, by name or id; refuses a name no one group has. */
  private List<String> groupIds(Object entries) {
    return namesGroups(entries) ? ((List<?>) entries).stream().map(groups()::id).toList() : List.of();
  }

  @Override
  public void prepare(Collection<Change> changes) {
    // creates and updates send the ids of the groups apply sends (Change.value); a delete sends none
    if (changes.stream().anyMatch(c -> c.action() != Action.DELETE && namesGroups(c.value("targetGroups")))) {
      try {
        groups();
      } catch (RuntimeException readAgainByApply) {
        // apply reads them again, and reports what fails there
      }
    }
  }

  private static boolean namesGroups(Object entries) {
    return entries instanceof List<?> list && !list.isEmpty();
  }

  @Override
  public Object canonical(String attribute, Object declared) {
    TargetGroups named = groups;
    if (named == null || !attribute.equals("targetGroups") || !(declared instanceof List<?> entries)) {
      return declared;
    }
    return named.canonical(entries);
  }

  @Override
  public List<String> problems(Change change) {
    TargetGroups named = groups;
    if (named == null || !(change.desired().get("targetGroups") instanceof List<?> entries)) {
      return List.of();
    }
    return named.problems(entries).stream().map(p -> "targetGroups: " + p).toList();
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
      Object after = canonical("targetGroups", change.desired().get("targetGroups"));
      List<String> left = before.stream().filter(g -> !(after instanceof List<?> a && a.contains(g)))
          .map(String::valueOf).toList();
      if (!left.isEmpty()) {
        notes.add("removes the user from target group" + (left.size() == 1 ? " " : "s ") + String.join(", ", left));
      }
    }
    return notes;
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Sends a request with the current token, and once more with a new one when Keepnet refuses the
   * token (401); returns the answer's {@code data}, or throws when the envelope says it failed.
   */
  private JsonNode send(String request, Supplier<JsonNode> call) {
    String used = tokens.token();
    JsonNode answer;
    try {
      answer = call.get();
    } catch (PlatformException e) {
      if (e.status() != 401) {
        throw e;
      }
      tokens.renew(used);
      answer = call.get();
    }
    return KeepnetAnswers.data(answer, request);
  }

  static String resourceId(String id, String what) {
    if (id == null || !RESOURCE_ID.matcher(id).matches()) {
      throw new PlatformException(0, null, "Keepnet returned a " + what + " id Roster does not accept: "
          + (id == null ? "none" : Text.clip(id, 80)),
          "resource ids are letters, digits, '-' and '_'; this is unexpected from Keepnet");
    }
    return id;
  }
}
