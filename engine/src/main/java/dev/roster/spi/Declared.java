package dev.roster.spi;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the files declare on one instance, for a provider that must read some attributes per account:
 * such a provider reads them for the accounts that set them, not for every account the list returns.
 * Answered on demand, since most providers never ask.
 */
@FunctionalInterface
public interface Declared {
  /** Keys (as the platform compares them) of the accounts that set any of these attributes. */
  Set<String> keysSetting(Collection<String> attributes);

  static Declared none() {
    return attributes -> Set.of();
  }

  /**
   * From the attribute names each account sets, by its key; nothing is worked out until asked.
   *
   * @param normalise a key as the platform compares it (lower-cased when it ignores case)
   */
  static <K> Declared of(Map<K, ? extends Collection<String>> namesByKey, Function<? super K, String> normalise) {
    return attributes -> {
      Set<String> keys = new HashSet<>();
      namesByKey.forEach((key, names) -> {
        if (key != null && names.stream().anyMatch(attributes::contains)) {
          keys.add(normalise.apply(key));
        }
      });
      return keys;
    };
  }
}
