package dev.roster.plan;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which part of the files a run covers ({@code --only}, {@code --person}); empty sets mean
 * everything. Kept in the order given, as the plan shows it.
 */
public record Scope(Set<String> instances, Set<String> people) {
  public Scope {
    instances = Collections.unmodifiableSet(new LinkedHashSet<>(instances));
    people = Collections.unmodifiableSet(new LinkedHashSet<>(people));
  }

  public boolean includesInstance(String name) {
    return instances.isEmpty() || instances.contains(name);
  }

  public boolean includesPerson(String handle) {
    return people.isEmpty() || people.contains(handle);
  }

  /** A plan of some instances or some people only: what it does not cover is not compared at all. */
  public boolean partial() {
    return !instances.isEmpty() || !people.isEmpty();
  }

  /** A plan for some people only: accounts no file declares are not theirs to delete. */
  public boolean somePeople() {
    return !people.isEmpty();
  }
}
