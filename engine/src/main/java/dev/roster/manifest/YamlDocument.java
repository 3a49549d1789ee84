package dev.roster.manifest;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One manifest file as a JSON tree, with the place of every key and value in it. Places are kept per
 * container (one {@code long[]} beside each map or list), not per JSON pointer: 100,000 people have
 * over a million nodes, and a pointer string and map entry for each cost more than reading the file.
 */
public final class YamlDocument {
  private final String file;
  private final JsonNode root;
  private final long rootPlace;
  /** Per container: a map's places as key, value, key, value… in entry order; a list's, one per item. */
  private final IdentityHashMap<JsonNode, long[]> places;
  /** Maps and lists with an anchor: an alias may show them again, so release() keeps their places. */
  private final Set<JsonNode> anchored;
  /** Entry positions of the big maps (users), built on first look-up so that a look-up stays O(1). */
  private final Map<JsonNode, Map<String, Integer>> indexes = new IdentityHashMap<>();

  YamlDocument(String file, JsonNode root, long rootPlace, IdentityHashMap<JsonNode, long[]> places, Set<JsonNode> anchored) {
    this.file = file;
    this.root = root;
    this.rootPlace = rootPlace;
    this.places = places;
    this.anchored = anchored;
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /** Where the value at {@code pointer} is; for a pointer with no node, its nearest ancestor. */
  public Source at(String pointer) {
    return place(pointer, false);
  }

  /** Where the key of the entry at {@code pointer} is (for a list item or the root: its value). */
  public Source keyAt(String pointer) {
    return place(pointer, true);
  }

  /**
   * Where the key of a map's {@code index}-th entry is: what {@link #keyAt} finds for that entry's
   * pointer, without walking the pointer (the merge asks this for every person and account).
   */
  public Source keyAt(JsonNode map, int index) {
    long[] own = places.get(map);
    return source(own == null || 2 * index >= own.length ? rootPlace : own[2 * index]);
  }

  private Source source(long place) {
    return unpack(file, place);
  }

  /**
   * Drops the value of one entry of a map, once read, with the places inside it (but an anchored map's
   * or list's, which an alias elsewhere may show again); the entry stays (as null), and so do its own
   * places, so that every other look-up is unchanged.
   */
  void release(JsonNode map, String name) {
    JsonNode value = map.get(name);
    if (value == null || !value.isContainer()) {
      return;
    }
    forget(value);
    ((tools.jackson.databind.node.ObjectNode) map).putNull(name);
  }

  private void forget(JsonNode node) {
    if (node.isContainer() && !anchored.contains(node)) {
      places.remove(node);
      synchronized (indexes) {
        indexes.remove(node);
      }
      node.values().forEach(this::forget);
    }
  }

  /** JSON pointer escaping of one step. */
  public static String step(String name) {
    if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
      return "/".concat(name);
    }
    return "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static long pack(int line, int column) {
    return (long) line << 32 | column;
  }

  /** The place {@link #pack} made; none (0) is the file's start. */
  static Source unpack(String file, long place) {
    return place == 0 ? new Source(file, 1, 1) : new Source(file, (int) (place >>> 32), (int) place);
  }

  private Source place(String pointer, boolean key) {
    long found = rootPlace;
    JsonNode node = root;
    int from = 1;
    while (from <= pointer.length() && node != null) {
      int slash = pointer.indexOf('/', from);
      int to = slash < 0 ? pointer.length() : slash;
      String step = unescape(pointer.substring(from, to));
      int index = indexOf(node, step);
      long[] own = places.get(node);
      if (index < 0 || own == null) {
        break; // no such node: its nearest ancestor
      }
      boolean last = slash < 0;
      if (node.isObject()) {
        found = own[2 * index + (key && last ? 0 : 1)];
        node = node.get(step);
      } else {
        found = own[index];
        node = node.get(index);
      }
      from = to + 1;
    }
    return source(found);
  }

  private int indexOf(JsonNode node, String step) {
    if (node.isArray()) {
      try {
        int i = Integer.parseInt(step);
        return i >= 0 && i < node.size() ? i : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (!node.isObject() || !node.has(step)) {
      return -1;
    }
    if (node.size() <= 16) {
      int i = 0;
      for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); i++) {
        if (names.next().equals(step)) {
          return i;
        }
      }
      return -1;
    }
    Map<String, Integer> index;
    synchronized (indexes) {
      index = indexes.computeIfAbsent(node, n -> {
        Map<String, Integer> positions = new HashMap<>(n.size() * 2);
        int i = 0;
        for (String name : n.propertyNames()) {
          positions.put(name, i++);
        }
        return positions;
      });
    }
    return index.getOrDefault(step, -1);
  }

  private static String unescape(String step) {
    return step.indexOf('~') < 0 ? step : step.replace("~1", "/").replace("~0", "~");
  }
}
