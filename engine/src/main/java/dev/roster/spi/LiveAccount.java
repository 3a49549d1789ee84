package dev.roster.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account as the platform holds it now.
 *
 * @param id the platform's own id, used in paths (may equal the key)
 * @param attributes the attributes in the manifest's vocabulary (JSON-like values)
 * @param readOnlyReason when not null, Roster never changes this account and the plan says why
 *     (e.g. "synced from SCIM")
 */
public record LiveAccount(String id, Map<String, Object> attributes, String readOnlyReason) {

  public LiveAccount {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public LiveAccount(String id, Map<String, Object> attributes) {
    this(id, attributes, null);
  }

  public Object get(String attribute) {
    return attributes.get(attribute);
  }
}
