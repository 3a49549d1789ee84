package dev.roster.providers.chatwoot;

import static java.util.stream.Collectors.joining;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The teams (or inboxes) of one account as read: ids and the names Chatwoot shows. The files name
 * them ignoring case; Chatwoot keeps team names in lower case and inbox names as typed, and does not
 * stop two inboxes from sharing a name.
 */
final class NamedGroups {
  private final String kind;
  private final String plural;
  private final long accountId;
  /** Names by id, in the order the account lists them. */
  private final Map<Long, String> names = new LinkedHashMap<>();

  /**
   * @param kind one group in words, "team"; {@code plural} the same for several, "teams"
   * @param entries the account's groups, each with a numeric {@code id} and a {@code name}
   */
  NamedGroups(String kind, String plural, long accountId, List<Map<String, Object>> entries) {
    this.kind = kind;
    this.plural = plural;
    this.accountId = accountId;
    entries.forEach(e -> names.put(((Number) e.get("id")).longValue(), String.valueOf(e.get("name"))));
  }

  Map<Long, String> byId() {
    return names;
  }

  /** The groups whose name is this one, ignoring case. */
  List<Long> matching(Object name) {
    String wanted = String.valueOf(name).toLowerCase(Locale.ROOT);
    return names.keySet().stream().filter(id -> names.get(id).toLowerCase(Locale.ROOT).equals(wanted)).toList();
  }

  /** A declared name as Chatwoot spells it, or as declared when it names no group or several. */
  Object spelling(Object declared) {
    List<Long> ids = matching(declared);
    return ids.size() == 1 ? names.get(ids.get(0)) : declared;
  }

  /** Why a declared name cannot be used, or null when it names exactly one group. */
  String problem(Object declared) {
    List<Long> ids = matching(declared);
    if (ids.size() == 1) {
      return null;
    }
    if (ids.size() > 1) {
      return "Chatwoot account " + accountId + " has " + ids.size() + " " + plural + " named \"" + declared
          + "\" (ids " + ids + "): rename all but one in Chatwoot, so that the name says which";
    }
    return "Chatwoot account " + accountId + " has no " + kind + " \"" + declared + "\": "
        + (names.isEmpty() ? "it has no " + plural
            : "its " + plural + " are " + names.values().stream().map(n -> "\"" + n + "\"").collect(joining(", ")));
  }

  /** The one group this declared name names; refuses, before anything is sent, one it does not. */
  long id(Object declared) {
    String problem = problem(declared);
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    return matching(declared).get(0);
  }
}
