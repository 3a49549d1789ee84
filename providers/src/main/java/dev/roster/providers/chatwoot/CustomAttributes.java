package dev.roster.providers.chatwoot;

import dev.roster.spi.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A user's custom attributes: Chatwoot merges them and cannot delete a key, only set it to null. */
final class CustomAttributes {
  private CustomAttributes() {}

  /** The attributes as read: a null-valued key is an absent one. */
  static Map<String, Object> withoutNulls(Object attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (attributes instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), v);
        }
      });
    }
    return out;
  }

  /** What to send: the keys the files want that differ, plus every live key they dropped set to null. */
  static Map<String, Object> update(Object live, Map<?, ?> desired) {
    Map<String, Object> update = new LinkedHashMap<>();
    Map<String, Object> current = withoutNulls(live);
    desired.forEach((k, v) -> {
      if (!current.containsKey(String.valueOf(k)) || !Values.equal(current.get(String.valueOf(k)), v)) {
        update.put(String.valueOf(k), v);
      }
    });
    for (String key : current.keySet()) {
      if (!desired.containsKey(key)) {
        update.put(key, null);
      }
    }
    return update;
  }

  /** The live keys the files dropped, sorted. */
  static Set<String> removed(Object live, Map<?, ?> desired) {
    Set<String> removed = new TreeSet<>(withoutNulls(live).keySet());
    desired.keySet().forEach(k -> removed.remove(String.valueOf(k)));
    return removed;
  }
}
