package dev.roster.plan;

import java.util.List;
import java.util.Map;

/**
 * The plan of one instance.
 *
 * @param config the instance's config (secrets as {@link dev.roster.spi.Secret}), so a saved plan can reach it again
 * @param liveAccounts how many accounts the platform holds now
 * @param unmanaged keys of live accounts no file declares, left alone because prune is off
 * @param notes lines the plan shows for the whole instance
 */
public record InstancePlan(
    String instance,
    String provider,
    Map<String, Object> config,
    List<PlannedChange> changes,
    int unchanged,
    int liveAccounts,
    List<String> unmanaged,
    List<Skipped> skipped,
    List<String> notes) {

  public InstancePlan {
    changes = List.copyOf(changes);
    unmanaged = List.copyOf(unmanaged);
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.change().action() == action).count();
  }
}
