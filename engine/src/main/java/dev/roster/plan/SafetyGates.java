package dev.roster.plan;

import dev.roster.spi.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Limits on what one plan may do to an instance, so that a bad merge (a people file deleted, a
 * typo in a key) cannot wipe a platform from CI. Defaults follow octoDNS: at most 30% of an
 * instance's accounts deleted once it has at least 10.
 */
public final class SafetyGates {
  public static final double DEFAULT_MAX_DELETE_PERCENT = 30;
  public static final int MIN_ACCOUNTS_FOR_PERCENT = 10;

  private SafetyGates() {}

  /** One line per gate the plan goes beyond, naming the instance and the gate. */
  public static List<String> violations(Plan plan) {
    List<String> out = new ArrayList<>();
    for (InstancePlan i : plan.instances()) {
      long deletes = i.count(Action.DELETE);
      atMost(out, i, "maxDeletes", deletes, "deletions");
      double percent = i.config().get("maxDeletePercent") instanceof Number n ? n.doubleValue() : DEFAULT_MAX_DELETE_PERCENT;
      if (i.liveAccounts() >= MIN_ACCOUNTS_FOR_PERCENT && deletes * 100.0 / i.liveAccounts() > percent) {
        out.add(String.format(Locale.ROOT, "'%s': %d of %d live accounts deleted (%.0f%%), more than maxDeletePercent %s",
            i.instance(), deletes, i.liveAccounts(), deletes * 100.0 / i.liveAccounts(), trim(percent)));
      }
      // suspensions keep the account, so the deletion gates do not count them: they have their own
      atMost(out, i, "maxSuspends", i.count(Action.SUSPEND), "suspensions");
      atMost(out, i, "maxAdminGrants", i.changes().stream().filter(PlannedChange::adminGrant).count(), "admin grants");
    }
    return out;
  }

  /** A line when the instance sets {@code gate} and the plan does more than it allows. */
  private static void atMost(List<String> out, InstancePlan i, String gate, long count, String what) {
    if (i.config().get(gate) instanceof Number max && count > max.longValue()) {
      out.add("'" + i.instance() + "': " + count + " " + what + ", more than " + gate + " " + max);
    }
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
