package dev.roster.providers.keepnet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The company's target groups as the group search lists them: resource ids and names. The files name
 * a group by its name, as the list shows it (ignoring case), or by its resource id. Plans and
 * {@code import} show a group by its name, or by its id where the name does not say which group it
 * is (no name, or one that another group has too).
 */
final class TargetGroups {
  /** Names by resource id, in the order the search lists the groups. */
  private final Map<String, String> names = new LinkedHashMap<>();

  /** @param views the group search's results, each with a checked {@code resourceId} */
  TargetGroups(List<JsonNode> views) {
    for (JsonNode view : views) {
      String name = view.path("name").asString("").strip();
      names.put(KeepnetProvider.resourceId(view.path("resourceId").asString(), "target group"), name);
    }
  }

  /** How plans show the group with this id: its name, or the id where the name does not say which group it is. */
  String shown(String id) {
    String name = names.get(id);
    return name == null || name.isEmpty() || withName(name).size() != 1 ? id : name;
  }

  /** The groups' ids as plans show them, sorted ignoring case. */
  List<String> shown(Collection<String> ids) {
    return ids.stream().map(this::shown).sorted(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT))
        .thenComparing(Comparator.naturalOrder())).toList();
  }

  /** The group a declared entry names, by id or else by its name ignoring case; null when it names none or several. */
  String idOf(Object declared) {
    String entry = String.valueOf(declared);
    if (names.containsKey(entry)) {
      return entry;
    }
    List<String> named = withName(entry);
    return named.size() == 1 ? named.get(0) : null;
  }

  /** A declared list as plans show its groups; an entry that names none or several stays as declared. */
  List<Object> canonical(List<?> declared) {
    return declared.stream().map(this::canonical).toList();
  }

  private Object canonical(Object declared) {
    String id = idOf(declared);
    return id == null ? declared : shown(id);
  }

  /** What is wrong with a declared list: entries that name no one group, groups named twice. */
  List<String> problems(List<?> declared) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object entry : declared) {
      String problem = problem(entry);
      if (problem != null) {
        problems.add(problem);
      } else if (!seen.add(idOf(entry))) {
        problems.add(canonical(entry) + " is listed twice");
      }
    }
    return problems;
  }

  /** Why a declared entry names no one group, or null when it does. */
  private String problem(Object declared) {
    if (idOf(declared) != null) {
      return null;
    }
    List<String> named = withName(String.valueOf(declared));
    if (named.size() > 1) {
      return "Keepnet has " + named.size() + " target groups named \"" + declared + "\" (" + String.join(", ", named)
          + "): write the resource id of the one meant";
    }
    List<String> quoted = new ArrayList<>();
    names.forEach((id, name) -> quoted.add(name.isEmpty() ? id : "\"" + name + "\""));
    return "Keepnet has no target group \"" + declared + "\": " + (quoted.isEmpty()
        ? "the company has no target groups" : "its target groups are " + String.join(", ", quoted));
  }

  /** The id of the group a declared (or plan-shown) entry names; refuses one it does not. */
  String id(Object entry) {
    String id = idOf(entry);
    if (id == null) {
      throw new IllegalStateException(problem(entry) + " (run 'roster plan' again if it was renamed since the plan)");
    }
    return id;
  }

  private List<String> withName(String name) {
    return names.entrySet().stream().filter(e -> !e.getValue().isEmpty() && e.getValue().equalsIgnoreCase(name))
        .map(Map.Entry::getKey).toList();
  }
}
