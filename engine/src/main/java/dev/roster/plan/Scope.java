package dev.roster.plan;

import java.util.Set;

/** Which part of the files a run covers ({@code --only}, {@code --person}); empty sets mean everything. */
public record Scope(Set<String> instances, Set<String> people) {
  public static Scope all() {
    return new Scope(Set.of(), Set.of());
  }

  public boolean includesInstance(String name) {
    return instances.isEmpty() || instances.contains(name);
  }

  public boolean includesPerson(String handle) {
    return people.isEmpty() || people.contains(handle);
  }

  /** A plan for some people only: accounts no file declares are not theirs to delete. */
  public boolean partial() {
    return !people.isEmpty();
  }
}
