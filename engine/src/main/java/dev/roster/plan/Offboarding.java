package dev.roster.plan;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.manifest.Manifest.Ensure;
import dev.roster.manifest.Manifest.Expiry;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import dev.roster.spi.LiveAccount;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Why an account goes, and whether it goes by a suspension (kept, its access taken away) rather than
 * a deletion: {@code ensure: absent | suspended}, an expired {@code until}, or prune; the instance's
 * {@code offboard: suspend} makes the first, the expiry and prune suspend.
 */
record Offboarding(boolean suspend, String reason) {
  /** How many days before an account's {@code until} the plan says it expires. */
  static final int EXPIRY_WARNING_DAYS = 7;

  /**
   * Why a declared account goes, or null for one that stays. An expired account goes as an absent one
   * does (a suspended one too); one expiring within a week adds a warning.
   *
   * @param shownKey the account's key as the plan shows it
   */
  static Offboarding of(DeclaredAccount account, String shownKey, boolean suspends, LocalDate today,
      List<String> warnings) {
    Expiry until = account.until();
    if (until != null && account.ensure() != Ensure.ABSENT) {
      if (!today.isBefore(until.date())) {
        return going(suspends, "expired on " + until.date() + " (" + until.source().fileLine() + ")");
      }
      if (!today.isBefore(until.date().minusDays(EXPIRY_WARNING_DAYS))) {
        String who = account.person() == null || account.person().equals(shownKey) ? shownKey
            : shownKey + " (" + account.person() + ")";
        warnings.add(who + " expires on " + until.date() + " (" + until.source().fileLine() + ")");
      }
    }
    return switch (account.ensure()) {
      case PRESENT -> null;
      case SUSPENDED -> new Offboarding(true, "ensure: suspended");
      case ABSENT -> going(suspends, "ensure: absent");
    };
  }

  /** Why a live account no file declares goes where prune is on. */
  static Offboarding pruned(boolean suspends) {
    return going(suspends, "prune: no file declares this account");
  }

  /** Goes the instance's way ({@code offboard}); a suspension says it is the instance's choice. */
  private static Offboarding going(boolean suspends, String why) {
    return new Offboarding(suspends, suspends ? why + "; offboard: suspend" : why);
  }

  /** A delete, or a suspension: one attribute set to the value that suspends. */
  Change change(AccountModel model, String instance, String type, String person, String key, LiveAccount live,
      String source) {
    if (!suspend) {
      return new Change(instance, type, person, key, Action.DELETE, List.of(), Map.of(), live, source, reason);
    }
    AccountModel.Suspension suspension = model.suspension();
    return new Change(instance, type, person, key, Action.SUSPEND,
        List.of(new FieldChange(suspension.attribute(), live.get(suspension.attribute()), suspension.suspended(), false)),
        Map.of(suspension.attribute(), suspension.suspended()), live, source, reason);
  }
}
