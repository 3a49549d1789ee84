package dev.roster.plan;

import java.util.List;

/**
 * Two or more live accounts on one instance with the same key. Pairing either with the files would
 * be a guess, so nothing is changed for that key until a person resolves it on the platform.
 *
 * @param ids the platform ids of every account with the key, in the order the platform listed them
 */
public record Conflict(String key, String person, List<String> ids) {
  public Conflict {
    ids = List.copyOf(ids);
  }
}
