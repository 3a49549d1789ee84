package dev.roster.plan;
import dev.roster.spi.Change;

import java.util.List;

/**
 * A change as the plan shows it: the change, the provider's notes on it, the fingerprint of the
 * live account it was planned against ({@code absent} for a create), and whether it makes someone
 * an administrator (reviewers see those first; {@code maxAdminGrants} counts them).
 *
 * @param renamedFrom the live account's key when the change gives it a new one ({@code previously}); else null
 */
public record PlannedChange(Change change, List<String> notes, String fingerprint, boolean adminGrant, String renamedFrom) {
  public static final String ABSENT = "absent";

  public PlannedChange {
    notes = List.copyOf(notes);
  }

  public PlannedChange(Change change, List<String> notes, String fingerprint, boolean adminGrant) {
    this(change, notes, fingerprint, adminGrant, null);
  }

  /** The key the live account has before the change: its former key on a rename. */
  public String liveKey() {
    return renamedFrom != null ? renamedFrom : change.key();
  }
}
