package dev.roster.plan;
import dev.roster.spi.Action;

import java.util.List;
import java.util.Set;

/**
 * What Roster would change, instance by instance. Immutable; renderers only read it.
 *
 * @param scope what the plan covers: a partial plan ({@code --only}, {@code --person}) says so
 */
public record Plan(List<InstancePlan> instances, Scope scope) {

  public Plan {
    instances = List.copyOf(instances);
  }

  /** A plan of everything the files declare. */
  public Plan(List<InstancePlan> instances) {
    this(instances, new Scope(Set.of(), Set.of()));
  }

  public List<PlannedChange> changes() {
    return instances.stream().flatMap(i -> i.changes().stream()).toList();
  }

  /** No change and nothing a person must resolve: the platforms match the files. */
  public boolean isEmpty() {
    return instances.stream().allMatch(i -> i.changes().isEmpty() && i.conflicts().isEmpty());
  }

  public long count(Action action) {
    return instances.stream().mapToLong(i -> i.count(action)).sum();
  }

  public List<Conflict> conflicts() {
    return instances.stream().flatMap(i -> i.conflicts().stream()).toList();
  }

  public long unchanged() {
    return instances.stream().mapToLong(InstancePlan::unchanged).sum();
  }
}
