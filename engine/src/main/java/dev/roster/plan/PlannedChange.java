package dev.roster.plan;

import java.util.List;

/**
 * A change as the plan shows it: the change, the provider's notes on it, and the fingerprint of the
 * live account it was planned against ({@code absent} for a create).
 */
public record PlannedChange(Change change, List<String> notes, String fingerprint) {
  public static final String ABSENT = "absent";

  public PlannedChange {
    notes = List.copyOf(notes);
  }
}
