package dev.roster.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The attributes of a platform's accounts: which one is the key, and how each one is compared. */
public record AccountModel(String keyAttribute, Map<String, Attribute> attributes) {

  public AccountModel {
    if (!attributes.containsKey(keyAttribute)) {
      throw new IllegalArgumentException("key attribute " + keyAttribute + " is not an attribute");
    }
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public static AccountModel of(String keyAttribute, List<Attribute> attributes) {
    Map<String, Attribute> byName = new LinkedHashMap<>();
    attributes.forEach(a -> byName.put(a.name(), a));
    return new AccountModel(keyAttribute, byName);
  }

  public Attribute key() {
    return attributes.get(keyAttribute);
  }

  /** Attributes not listed compare exactly and are neither write-only nor sensitive. */
  public Attribute attribute(String name) {
    return Optional.ofNullable(attributes.get(name)).orElseGet(() -> Attribute.of(name));
  }
}
