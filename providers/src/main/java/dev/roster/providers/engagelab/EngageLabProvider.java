package dev.roster.providers.engagelab;

import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import dev.roster.spi.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * EngageLab MA users. The API can only write, so the engine never calls {@link #list}: it diffs
 * against the state file, and {@link Change#live()} holds what Roster last applied (null when it
 * never did, or with {@code --refresh-state}). Per change: register the user_id to get its euid
 * (batched and cached, see {@link EuidRegistry}), then the fewest property and contact calls.
 *
 * <p>Properties are managed as a whole: a name Roster set before and the files no longer declare is
 * cleared with {@code type: delete}. The delete body carries the value Roster last set for each name:
 * the API requires {@code properties: {name: value}} for every type, the docs do not say what value a
 * delete expects (NOTES.md 5.2, text truncated), and an empty string risks code 55103 (empty value),
 * while the last applied value is one the platform already accepted for that property.
 *
 * <p>Users cannot be deleted over this API: a delete clears the properties Roster last set and leaves
 * the user (and its contacts, which cannot be cleared) in EngageLab.
 */
final class EngageLabProvider implements Provider {
  private final EngageLabApi api;
  private final EuidRegistry euids;

  EngageLabProvider(EngageLabApi api) {
    this.api = api;
    this.euids = new EuidRegistry(api);
  }

  @Override
  public List<LiveAccount> list(Declared declared) {
    throw new UnsupportedOperationException("EngageLab's API cannot list or read users: Roster diffs "
        + "engagelab instances against their state file (the 'state' config key), never against live users");
  }

  /**
   * Registers the user_ids of all {@code changes} that will need an euid, in batches of 100, so
   * that applying them sends no register request of its own. Optional: {@link #apply} registers
   * on demand (and batches concurrent requests) without it.
   */
  @Override
  public void prepare(Collection<Change> changes) {
    List<String> ids = changes.stream()
        .filter(c -> c.action() != Action.DELETE || !liveProperties(c).isEmpty())
        .map(Change::key)
        .distinct()
        .toList();
    euids.resolveAll(ids);
  }

  @Override
  public void apply(Change change) {
    switch (change.action()) {
      case CREATE, UPDATE -> upsert(change);
      case DELETE -> clear(change);
    }
  }

  private void upsert(Change change) {
    Map<String, Object> before = liveProperties(change);
    Map<String, Object> set = propertiesToSet(change, before);
    Map<String, Object> removed = propertiesToDelete(change, before);
    Map<String, Object> contacts = contactsToSend(change);
    // register even with nothing else to send on create: it is what makes the user exist
    long euid = euids.euid(change.key());
    if (!set.isEmpty()) {
      setProperties(euid, "set", set);
    }
    if (!removed.isEmpty()) {
      setProperties(euid, "delete", removed);
    }
    if (!contacts.isEmpty()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("euid", euid);
      body.put("contacts", contacts);
      EngageLabErrors.call("POST /v1/user/contact", () -> api.contact(body));
    }
  }

  /** EngageLab has no delete: clear what Roster set, and say so in the notes. */
  private void clear(Change change) {
    Map<String, Object> before = liveProperties(change);
    if (before.isEmpty()) {
      return; // nothing Roster set is left to clear; registering would only re-create the user
    }
    setProperties(euids.euid(change.key()), "delete", before);
  }

  private void setProperties(long euid, String type, Map<String, Object> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("euid", euid);
    body.put("type", type);
    body.put("properties", properties);
    EngageLabErrors.call("POST /v1/user/property", () -> api.property(body));
  }

  /** Declared properties whose value differs from what Roster last set (all of them on create). */
  private static Map<String, Object> propertiesToSet(Change change, Map<String, Object> before) {
    Map<String, Object> out = new LinkedHashMap<>();
    map(change.desired().get("properties")).forEach((name, value) -> {
      if (!before.containsKey(name) || !Values.equal(value, before.get(name))) {
        out.put(name, value);
      }
    });
    return out;
  }

  /** Properties Roster set before that the files no longer declare, with the value last set. */
  private static Map<String, Object> propertiesToDelete(Change change, Map<String, Object> before) {
    if (!change.desired().containsKey("properties")) {
      return Map.of(); // the files stopped managing properties at all: leave them as they are
    }
    Map<String, Object> out = new LinkedHashMap<>(before);
    out.keySet().removeAll(map(change.desired().get("properties")).keySet());
    return out;
  }

  /** The declared contacts in the API's names when any of them differs from what Roster last set. */
  private static Map<String, Object> contactsToSend(Change change) {
    Map<String, Object> desired = map(change.desired().get("contacts"));
    Map<String, Object> before = change.live() == null ? Map.of() : map(change.live().get("contacts"));
    boolean differs = desired.entrySet().stream().anyMatch(e -> !Values.equal(e.getValue(), before.get(e.getKey())));
    Map<String, Object> out = new LinkedHashMap<>();
    if (differs) {
      desired.forEach((name, value) -> out.put("mobilePhone".equals(name) ? "mobile_phone" : name, value));
    }
    return out;
  }

  private static Map<String, Object> liveProperties(Change change) {
    LiveAccount live = change.live();
    return live == null ? Map.of() : map(live.get("properties"));
  }

  private static Map<String, Object> map(Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }

  private static String names(Map<String, Object> properties) {
    return String.join(", ", new TreeSet<>(properties.keySet()));
  }

  @Override
  public List<String> notes(Change change) {
    List<String> notes = new ArrayList<>();
    switch (change.action()) {
      case CREATE -> {
        notes.add("registers user_id " + change.key() + " (/v1/user/register creates the EngageLab user if none has it)");
        if (!map(change.desired().get("properties")).isEmpty()) {
          notes.add("if the user already exists in EngageLab, these properties overwrite its values; its other properties are left alone");
        }
      }
      case UPDATE -> {
        Map<String, Object> removed = propertiesToDelete(change, liveProperties(change));
        if (!removed.isEmpty()) {
          notes.add("clears properties no longer declared (type delete): " + names(removed));
        }
      }
      case DELETE -> {
        Map<String, Object> before = liveProperties(change);
        String does = before.isEmpty() ? "sends nothing, keeps the user in EngageLab"
            : "clears the properties it last set (" + names(before) + ") with type delete, "
                + "keeps the user and its contacts in EngageLab,";
        notes.add("EngageLab cannot delete users over its API: Roster " + does
            + " and stops managing it (drops it from the state file); delete it in the MA console if needed");
      }
    }
    return notes;
  }
}
