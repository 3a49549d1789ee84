package dev.roster.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the files declare on one instance, for a provider that must read some attributes per account:
 * the attribute names each account sets, by its key (lower-cased when the key compares without
 * case). Such a provider reads them for these accounts only, not for every account the list returns.
 */
public record Declared(Map<String, Set<String>> attributesByKey) {
  public static Declared none() {
    return new Declared(Map.of());
  }

  /** Keys of the accounts that set any of these attributes. */
  public Set<String> keysSetting(Collection<String> attributes) {
    return attributesByKey.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(attributes::contains))
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }
}
