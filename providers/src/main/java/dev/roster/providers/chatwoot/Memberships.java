package dev.roster.providers.chatwoot;

import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.PagedRead;
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

/**
 * The teams and inboxes agents belong to in one account, by name. Read only where some declared
 * account manages them: the account's teams (or inboxes), then each one's members, one request per
 * team and per inbox, at most {@code concurrency} at once. Written one agent and one group at a
 * time ({@code POST} adds, {@code DELETE} removes), so that no other member is touched.
 */
final class Memberships {
  private final List<MemberEndpoints> endpoints;
  private final long accountId;
  private final int concurrency;
  /** Each kind's groups, by attribute, once read: by the plan's list, or on the first change that needs them. */
  private final Map<String, NamedGroups> known = new ConcurrentHashMap<>();

  Memberships(ChatwootApi app, long accountId, int concurrency) {
    this.endpoints = List.of(MemberEndpoints.teams(app, accountId), MemberEndpoints.inboxes(app, accountId));
    this.accountId = accountId;
    this.concurrency = concurrency;
  }

  // ------------------------------------------------------------------ read

  /**
   * For each attribute some declared account manages: the names of the groups each user is in, by
   * user id, in the order the account lists its groups.
   */
  Map<String, Map<Long, List<String>>> read(Declared declared) {
    List<MemberEndpoints> wanted = endpoints.stream().filter(e -> declared.anySets(List.of(e.attribute()))).toList();
    Map<String, Map<Long, List<String>>> byAttribute = new LinkedHashMap<>();
    if (wanted.isEmpty()) {
      return byAttribute;
    }
    try (PagedRead read = new PagedRead(concurrency)) {
      Map<MemberEndpoints, CompletableFuture<List<Map<String, Object>>>> lists = new LinkedHashMap<>();
      wanted.forEach(e -> lists.put(e, read.one(e.groups())));
      List<GroupRead> members = new ArrayList<>();
      lists.forEach((e, list) -> {
        NamedGroups groups = new NamedGroups(e.kind(), e.attribute(), accountId, PagedRead.join(list));
        known.put(e.attribute(), groups);
        byAttribute.put(e.attribute(), new HashMap<>());
        groups.byId().forEach((id, name) ->
            members.add(new GroupRead(e.attribute(), name, read.one(() -> e.members().apply(id)))));
      });
      for (GroupRead group : members) {
        for (Map<String, Object> agent : PagedRead.join(group.agents())) {
          byAttribute.get(group.attribute())
              .computeIfAbsent(((Number) agent.get("id")).longValue(), k -> new ArrayList<>()).add(group.name());
        }
      }
    }
    return byAttribute;
  }

  /** The read of one group's members. */
  private record GroupRead(String attribute, String name, CompletableFuture<List<Map<String, Object>>> agents) {}

  /** A declared list of names as Chatwoot spells them, once the plan has read the groups. */
  Object canonical(String attribute, Object declared) {
    NamedGroups groups = known.get(attribute);
    if (groups == null || !(declared instanceof List<?> names)) {
      return declared;
    }
    return names.stream().map(groups::spelling).toList();
  }

  /** Names the account does not have, or has several groups for, or that a list names twice. */
  List<String> problems(Change change) {
    List<String> problems = new ArrayList<>();
    for (MemberEndpoints e : endpoints) {
      NamedGroups groups = known.get(e.attribute());
      if (groups == null || !(change.desired().get(e.attribute()) instanceof List<?> names)) {
        continue;
      }
      Set<Long> seen = new LinkedHashSet<>();
      for (Object name : names) {
        String problem = groups.problem(name);
        if (problem != null) {
          problems.add(e.attribute() + ": " + problem);
        } else if (!seen.add(groups.id(name))) {
          problems.add(e.attribute() + ": \"" + groups.spelling(name) + "\" is listed twice");
        }
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ write

  /** Reads the groups the changes need, so that changes applied at once do not each read them. Never throws. */
  void prepare(Collection<Change> changes) {
    for (MemberEndpoints e : endpoints) {
      if (changes.stream().anyMatch(c -> changes(c, e.attribute()))) {
        try {
          groups(e);
        } catch (RuntimeException readAgainByApply) {
          // apply reads them again, and reports what fails there
        }
      }
    }
  }

  /**
   * What the change does to the agent's groups: joins those the files list and it is not in, leaves
   * those it is in and the files do not list. Resolves every declared name (reading the groups when
   * this run has not) before anything is sent, and refuses a name the account does not have.
   */
  List<Edit> edits(Change change) {
    List<Edit> edits = new ArrayList<>();
    for (MemberEndpoints e : endpoints) {
      if (changes(change, e.attribute())) {
        NamedGroups groups = groups(e);
        Set<Long> want = new LinkedHashSet<>();
        ((List<?>) change.desired().get(e.attribute())).forEach(name -> want.add(groups.id(name)));
        Set<Long> have = new LinkedHashSet<>();
        if (change.live() != null && change.live().get(e.attribute()) instanceof List<?> names) {
          names.forEach(name -> have.addAll(groups.matching(name)));
        }
        edits.add(new Edit(e, minus(want, have), minus(have, want)));
      }
    }
    return edits;
  }

  /** Sends the edits for this agent: one request per group joined or left. */
  static void send(List<Edit> edits, long userId) {
    for (Edit edit : edits) {
      edit.join().forEach(group -> edit.endpoints().add().send(group, userId));
      edit.leave().forEach(group -> edit.endpoints().remove().send(group, userId));
    }
  }

  /** The groups of one kind an agent joins and leaves. */
  record Edit(MemberEndpoints endpoints, Set<Long> join, Set<Long> leave) {}

  /** Whether the change sets this attribute: on create, a non-empty list; on update, a changed one. */
  private static boolean changes(Change change, String attribute) {
    return switch (change.action()) {
      case CREATE -> change.desired().get(attribute) instanceof List<?> l && !l.isEmpty();
      case UPDATE -> change.changes(attribute) && change.desired().get(attribute) instanceof List<?>;
      case DELETE, SUSPEND -> false;
    };
  }

  private NamedGroups groups(MemberEndpoints e) {
    return known.computeIfAbsent(e.attribute(), a -> new NamedGroups(e.kind(), a, accountId, e.groups().get()));
  }

  private static Set<Long> minus(Set<Long> a, Set<Long> b) {
    Set<Long> out = new LinkedHashSet<>(a);
    out.removeAll(b);
    return out;
  }
}
