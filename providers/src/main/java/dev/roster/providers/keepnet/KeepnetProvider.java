package dev.roster.providers.keepnet;

import static dev.roster.providers.keepnet.TargetUserView.MANAGER_FIELDS;

import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PagedRead;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>Writing: {@code PUT} replaces the whole record, so an update first reads the user's full record
 * and sends it back with the managed attributes changed, group memberships included.
 */
final class KeepnetProvider implements Provider {
  /** Keepnet resource ids are short opaque tokens ("xC5kfGz7w2Nz"); anything else never reaches a path. */
  static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String USERS = "POST /api/target-users/search";
  private static final String GROUPS = "POST /api/target-groups/search";

  private final KeepnetApi api;
  private final KeepnetTokens tokens;
  private final int concurrency;
  private final int pageSize;
  private final boolean readDetails;
  /** Users whose manager fields were read: for the others they are unknown, and the plan says so. */
  private final Set<String> detailed = ConcurrentHashMap.newKeySet();

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
      // both first pages go out at once; the token is fetched by whichever asks first, the other waits for it
      var userPages = read.pages(search(USERS, p -> api.searchUsers(SearchBodies.users(p, pageSize))), SearchPage::pageCount);
      var groupPages = read.pages(search(GROUPS, p -> api.searchGroups(SearchBodies.groups(p, pageSize))), SearchPage::pageCount);
      Map<String, CompletableFuture<List<SearchPage>>> members = members(read, SearchPage.results(PagedRead.join(groupPages)));
      Map<String, JsonNode> views = views(SearchPage.results(PagedRead.join(userPages)));
      Map<String, CompletableFuture<JsonNode>> records = records(read, views, declared);
      Map<String, Set<String>> groupsOf = new HashMap<>();
      members.forEach((groupId, pages) -> {
        for (JsonNode member : SearchPage.results(PagedRead.join(pages))) {
          groupsOf.computeIfAbsent(member.path("resourceId").asString(), k -> new TreeSet<>()).add(groupId);
        }
      });
      List<LiveAccount> live = new ArrayList<>(views.size());
      views.forEach((id, view) -> {
        CompletableFuture<JsonNode> record = records.get(id);
        live.add(TargetUserView.account(id, view, record == null ? null : PagedRead.join(record),
            groupsOf.getOrDefault(id, Set.of())));
      });
      detailed.addAll(records.keySet());
      return live;
    }
  }

  /** Each group's members, paged, by group id; a group that says it has no users is not read. */
  private Map<String, CompletableFuture<List<SearchPage>>> members(PagedRead read, List<JsonNode> groups) {
    Map<String, CompletableFuture<List<SearchPage>>> members = new LinkedHashMap<>();
    for (JsonNode group : groups) {
      if (group.path("userCount").isNumber() && group.path("userCount").asInt() == 0) {
        continue;
      }
      String id = resourceId(group.path("resourceId").asString(), "target group");
      members.put(id, read.pages(search("POST /api/target-groups/" + id + "/users",
          p -> api.groupUsers(id, SearchBodies.groupUsers(p, pageSize))), SearchPage::pageCount));
    }
    return members;
  }

  /** The search's users that are not deleted, by id, in page order. */
  private static Map<String, JsonNode> views(List<JsonNode> results) {
    Map<String, JsonNode> views = new LinkedHashMap<>();
    for (JsonNode view : results) {
      // a user pushed onto the next page while the pages were read is one account, where it came first
      if (!TargetUserView.isDeleted(view)) {
        views.putIfAbsent(view.path("resourceId").asString(), view);
      }
    }
    return views;
  }

  /** The full records of the users whose declared account sets a manager field, or of all with readDetails. */
  private Map<String, CompletableFuture<JsonNode>> records(PagedRead read, Map<String, JsonNode> views, Declared declared) {
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

  /** Asks for page N of a search and checks the answer's shape. */
  private IntFunction<SearchPage> search(String request, IntFunction<JsonNode> page) {
    return p -> SearchPage.read(request, p, pageSize, Envelope.data(call(() -> page.apply(p)), request));
  }

  /** A user's full record, which carries what the search view leaves out. */
  private JsonNode record(String id, String user) {
    String request = "GET /api/target-users/" + id;
    JsonNode record = Envelope.data(call(() -> api.getUser(id)), request);
    if (!record.isObject()) {
      throw new PlatformException(200, request, "Keepnet returned no record for target user " + user, null);
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
        Map<String, Object> body = TargetUserBodies.create(change.desired());
        Envelope.data(call(() -> api.createUser(body)), "POST /api/target-users");
      }
      case UPDATE -> {
        String id = resourceId(change.liveId(), "target user");
        Map<String, Object> body = TargetUserBodies.update(record(id, change.key()), change);
        Envelope.data(call(() -> api.updateUser(id, body)), "PUT /api/target-users/" + id);
      }
      case DELETE -> {
        String id = resourceId(change.liveId(), "target user");
        Envelope.data(call(() -> api.deleteUser(id)), "DELETE /api/target-users/" + id);
      }
    }
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
          + (id == null ? "none" : Text.clip(id, 80)),
          "resource ids are letters, digits, '-' and '_'; this is unexpected from Keepnet");
    }
    return id;
  }
}
