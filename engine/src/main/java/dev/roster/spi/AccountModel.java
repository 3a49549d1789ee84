package dev.roster.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of a platform's accounts: which one is the key, how each one is compared, and what
 * the platform can do besides create, update and delete (make administrators, suspend, rename).
 *
 * @param admin the attribute value that makes an account an administrator; null when there is none
 * @param suspension the attribute value that suspends an account, and the one that makes it active
 *     again; null for a platform that cannot suspend
 * @param names the attributes that hold a person's name: a deleted account whose names are those of
 *     an account created in the same plan is pointed out as a possible rename
 * @param renamable whether the key of a live account can be changed in place
 */
public record AccountModel(String keyAttribute, Map<String, Attribute> attributes, Marker admin, Suspension suspension,
    List<String> names, boolean renamable) {

  /** An attribute and the value that marks an account. */
  public record Marker(String attribute, Object value) {}

  /** {@code attribute: suspended} suspends an account; {@code attribute: active} makes it active again. */
  public record Suspension(String attribute, Object suspended, Object active) {}

  public AccountModel {
    if (!attributes.containsKey(keyAttribute)) {
      throw new IllegalArgumentException("key attribute " + keyAttribute + " is not an attribute");
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    names = List.copyOf(names);
  }

  public static AccountModel of(String keyAttribute, List<Attribute> attributes) {
    Map<String, Attribute> byName = new LinkedHashMap<>();
    attributes.forEach(a -> byName.put(a.name(), a));
    return new AccountModel(keyAttribute, byName, null, null, List.of(), true);
  }

  /**
   * Which attribute value makes an account an administrator (Keitaro {@code type: ADMIN}, say): the
   * engine counts admin grants against {@code maxAdminGrants}, lists them first, and never demotes
   * a protected person.
   */
  public AccountModel withAdmin(String attribute, Object value) {
    return new AccountModel(keyAttribute, attributes, new Marker(attribute, value), suspension, names, renamable);
  }

  /**
   * How the platform suspends an account while keeping it (Keepnet {@code isActive: false}, say):
   * {@code ensure: suspended} and {@code offboard: suspend} are allowed only where this is set.
   */
  public AccountModel withSuspension(String attribute, Object suspended, Object active) {
    return new AccountModel(keyAttribute, attributes, admin, new Suspension(attribute, suspended, active), names, renamable);
  }

  public AccountModel withNames(String... attributes) {
    return new AccountModel(keyAttribute, this.attributes, admin, suspension, List.of(attributes), renamable);
  }

  /** For a platform whose key cannot change: a new key is a new account, and the old one stays. */
  public AccountModel notRenamable() {
    return new AccountModel(keyAttribute, attributes, admin, suspension, names, false);
  }

  public String adminAttribute() {
    return admin == null ? null : admin.attribute();
  }

  public boolean isAdmin(Object value) {
    return admin != null && admin.value().equals(value);
  }

  /** Whether a live account is suspended now. */
  public boolean isSuspended(LiveAccount account) {
    return suspension != null && Values.equal(suspension.suspended(), account.get(suspension.attribute()));
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
