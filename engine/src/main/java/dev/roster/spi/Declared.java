package dev.roster.spi;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which attributes the files set on each account of one instance. A platform whose bulk list leaves
 * some attributes out reads them only where the files manage them, not for every account.
 */
public final class Declared {
  private static final Declared NONE = new Declared(null, Map.of());

  private final AccountModel model;
  /** Attribute names by account key, as the platform compares keys. */
  private final Map<String, Set<String>> attributesByKey;

  private Declared(AccountModel model, Map<String, Set<String>> attributesByKey) {
    this.model = model;
    this.attributesByKey = attributesByKey;
  }

  /** Nothing declared: what {@code import} and look-ups use. */
  public static Declared none() {
    return NONE;
  }

  /** @param attributesByKey the attribute names each declared account sets, by its key */
  public static Declared of(AccountModel model, Map<?, ? extends Collection<String>> attributesByKey) {
    Map<String, Set<String>> byKey = new HashMap<>();
    attributesByKey.forEach((key, names) -> {
      if (key != null) {
        byKey.computeIfAbsent(model.keyOf(key), k -> new java.util.HashSet<>()).addAll(names);
      }
    });
    return new Declared(model, byKey);
  }

  /** Whether some declared account sets one of these attributes. */
  public boolean anySets(Collection<String> attributes) {
    return attributesByKey.values().stream().anyMatch(names -> names.stream().anyMatch(attributes::contains));
  }

  /** Whether the account with this key (spelt as the platform spells it) sets one of these attributes. */
  public boolean sets(Object key, Collection<String> attributes) {
    if (model == null || key == null) {
      return false;
    }
    Set<String> names = attributesByKey.get(model.keyOf(key));
    return names != null && names.stream().anyMatch(attributes::contains);
  }
}
