package dev.roster.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change to one account on one instance: immutable, and everything a provider needs to carry
 * it out.
 *
 * @param person the handle of the person it belongs to; null for a live account no file lists
 * @param key the account's key on the platform (login, email, ...)
 * @param fields what changes, attribute by attribute, for people to read
 * @param desired every managed attribute as declared (secrets as {@link dev.roster.spi.Secret}); empty on delete
 * @param live the account as read during the plan; null on create
 * @param source where the account is declared, {@code file:line}; null when no file declares it (prune)
 * @param reason why the change is planned when it is not obvious (prune, ensure: absent)
 */
public record Change(
    String instance,
    String provider,
    String person,
    String key,
    Action action,
    List<FieldChange> fields,
    Map<String, Object> desired,
    LiveAccount live,
    String source,
    String reason) {

  public Change {
    fields = List.copyOf(fields);
    desired = Collections.unmodifiableMap(new LinkedHashMap<>(desired));
  }

  /** The live id, for paths. */
  public String liveId() {
    return live == null ? null : live.id();
  }

  /** A declared value, or the live one when the files do not manage it. */
  public Object value(String attribute) {
    if (desired.containsKey(attribute)) {
      return desired.get(attribute);
    }
    return live == null ? null : live.get(attribute);
  }

  public boolean changes(String attribute) {
    return fields.stream().anyMatch(f -> f.name().equals(attribute) || f.name().startsWith(attribute + "."));
  }
}
