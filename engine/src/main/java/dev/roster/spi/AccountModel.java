package dev.roster.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The attributes of a platform's accounts: which one is the key, and how each one is compared. */
public record AccountModel(String keyAttribute, Map<String, Attribute> attributes, String adminAttribute, Object adminValue) {

  public AccountModel(String keyAttribute, Map<String, Attribute> attributes) {
    this(keyAttribute, attributes, null, null);
  }

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

  /**
   * Which attribute value makes an account an administrator (Keitaro {@code type: ADMIN}, say): the
   * engine counts admin grants against {@code maxAdminGrants}, lists them first, and never demotes
   * a protected person.
   */
  public AccountModel withAdmin(String attribute, Object value) {
    return new AccountModel(keyAttribute, attributes, attribute, value);
  }

  public boolean isAdmin(Object value) {
    return adminAttribute != null && adminValue.equals(value);
  }

  public Attribute key() {
    return attributes.get(keyAttribute);
  }

  /** A key as the platform compares keys: lower-cased where it ignores case. */
  public String keyOf(Object key) {
    return Values.keyOf(key, key().comparison() == Comparison.CASE_INSENSITIVE);
  }

  /** Attributes not listed compare exactly and are neither write-only nor sensitive. */
  public Attribute attribute(String name) {
    return Optional.ofNullable(attributes.get(name)).orElseGet(() -> Attribute.of(name));
  }
}
