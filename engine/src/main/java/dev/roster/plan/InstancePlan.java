package dev.roster.plan;
import dev.roster.spi.Action;

import java.util.List;
import java.util.Map;

/**
 * The plan of one instance.
 *
 * @param config the instance's config (secrets as {@link dev.roster.spi.Secret}), so a saved plan can reach it again
 * @param liveAccounts how many accounts the platform holds now
 * @param unmanaged keys of live accounts no file declares, left alone because prune is off
 * @param conflicts keys held by more than one live account: nothing is planned for them
 * @param warnings what a reviewer should know that is not a change: a possible rename, an expiry
 *     coming, a rename the platform cannot make
 * @param pending keys of live accounts whose invitation is not accepted yet
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
    List<Conflict> conflicts,
    List<String> warnings,
    List<String> pending,
    List<String> notes) {

  public InstancePlan {
    changes = List.copyOf(changes);
    unmanaged = List.copyOf(unmanaged);
    skipped = List.copyOf(skipped);
    conflicts = List.copyOf(conflicts);
    warnings = List.copyOf(warnings);
    pending = List.copyOf(pending);
    notes = List.copyOf(notes);
  }

  /** This plan with the instance-wide notes given. */
  public InstancePlan withNotes(List<String> notes) {
    return new InstancePlan(instance, provider, config, changes, unchanged, liveAccounts, unmanaged, skipped, conflicts, warnings, pending, notes);
  }

  /** This plan without the accounts no file declares: a plan for some people only does not list them. */
  public InstancePlan withoutUnmanaged() {
    return new InstancePlan(instance, provider, config, changes, unchanged, liveAccounts, List.of(), skipped, conflicts, warnings, pending, notes);
  }

  /** This plan with other changes (the same entries, with the live accounts read again). */
  public InstancePlan withChanges(List<PlannedChange> changes) {
    return new InstancePlan(instance, provider, config, changes, unchanged, liveAccounts, unmanaged, skipped, conflicts, warnings, pending, notes);
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.change().action() == action).count();
  }
}
