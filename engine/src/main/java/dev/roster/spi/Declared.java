package dev.roster.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the files declare on one instance, for a provider that must read some attributes per account:
 * such a provider reads them for the accounts that set them, not for every account the list returns.
 * Answered on demand, since most providers never ask.
 */
@FunctionalInterface
public interface Declared {
  /** Keys (lower-cased when the key compares without case) of the accounts that set any of these attributes. */
  Set<String> keysSetting(Collection<String> attributes);

  static Declared none() {
    return attributes -> Set.of();
  }

  /** From the attribute names each account sets, by its key. */
  static Declared of(Map<String, Set<String>> attributesByKey) {
    return attributes -> attributesByKey.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(attributes::contains))
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }
}
