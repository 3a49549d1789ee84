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
 * @param pending invited, but the person has not accepted the invitation yet (Chatwoot's unconfirmed
 *     agents): plans and import say so, and count them
 */
public record LiveAccount(String id, Map<String, Object> attributes, String readOnlyReason, boolean pending) {

  public LiveAccount {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public LiveAccount(String id, Map<String, Object> attributes) {
    this(id, attributes, null, false);
  }

  public LiveAccount(String id, Map<String, Object> attributes, String readOnlyReason) {
    this(id, attributes, readOnlyReason, false);
  }

  public Object get(String attribute) {
    return attributes.get(attribute);
  }
}
