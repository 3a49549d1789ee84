package dev.roster.providers.chatwoot;

import dev.roster.spi.Change;
import java.util.List;
import java.util.Map;

/**
 * What only the Platform API can set, and so needs a platformToken: a change that needs it on an
 * instance without one is refused before anything is sent, so that no half of it is made.
 */
final class PlatformToken {
  /** What a create can only send through the Platform API. */
  private static final List<String> ON_CREATE = List.of("password", "displayName", "customAttributes");
  /** What an update can only change through the Platform API: the user's profile. */
  private static final List<String> ON_UPDATE = List.of("email", "displayName", "customAttributes");

  private PlatformToken() {}

  static List<String> neededToCreate(Change change) {
    return ON_CREATE.stream().filter(attribute -> {
      Object v = change.desired().get(attribute);
      return v != null && !(v instanceof Map<?, ?> m && m.isEmpty());
    }).toList();
  }

  static List<String> neededToUpdate(Change change) {
    return ON_UPDATE.stream().filter(change::changes).toList();
  }

  static String missing(List<String> attributes) {
    return String.join(", ", attributes) + (attributes.size() == 1 ? " needs" : " need")
        + " the Platform API: give this instance a platformToken (a Platform App token; self-hosted installs only),"
        + " or leave " + (attributes.size() == 1 ? "it" : "them") + " out";
  }
}
