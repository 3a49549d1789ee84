package dev.roster.providers.engagelab;

import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.LiveAccount;
import java.util.List;
import java.util.Map;

/** Changes as the engine builds them for an engagelab instance: live is what Roster last applied. */
final class Changes {
  private Changes() {}

  static Change create(String userId, Map<String, Object> desired) {
    return new Change("marketing", "engagelab", null, userId, Action.CREATE, List.of(), desired, null, null, null);
  }

  static Change update(String userId, Map<String, Object> desired, Map<String, Object> lastApplied) {
    return new Change("marketing", "engagelab", null, userId, Action.UPDATE, List.of(), desired,
        new LiveAccount(userId, lastApplied), null, null);
  }

  static Change delete(String userId, Map<String, Object> lastApplied) {
    return new Change("marketing", "engagelab", null, userId, Action.DELETE, List.of(), Map.of(),
        new LiveAccount(userId, lastApplied), null, "prune: no file declares this account");
  }
}
