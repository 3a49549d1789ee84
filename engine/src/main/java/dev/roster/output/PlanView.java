package dev.roster.output;

import dev.roster.spi.Action;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plan's changes grouped for reading: by person (who is affected) or by instance. */
final class PlanView {
  /** A group's title (a handle, or an instance) and its changes in plan order. */
  record Group(String title, List<PlannedChange> changes) {}

  static final String NO_PERSON = "accounts no file declares";

  private PlanView() {}

  /** People in order of their handles, then the changes of accounts no file declares. */
  static List<Group> byPerson(Plan plan) {
    Map<String, List<PlannedChange>> people = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    plan.changes().forEach(pc -> people.computeIfAbsent(pc.change().person(), p -> new ArrayList<>()).add(pc));
    return people.entrySet().stream()
        .map(e -> new Group(e.getKey() == null ? NO_PERSON : e.getKey(), e.getValue())).toList();
  }

  static List<Group> byInstance(Plan plan) {
    return plan.instances().stream().filter(i -> !i.changes().isEmpty())
        .map(i -> new Group(i.instance() + " (" + i.provider() + ")", i.changes())).toList();
  }

  /** What a partial plan ({@code --only}, {@code --person}) covers, in one sentence; empty for a whole plan. */
  static Optional<String> partial(Plan plan) {
    Scope scope = plan.scope();
    if (!scope.partial()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (!scope.instances().isEmpty()) {
      parts.add("only " + (scope.instances().size() == 1 ? "the instance " : "the instances ") + String.join(", ", scope.instances()));
    }
    if (!scope.somePeople()) {
      return Optional.of("Partial plan: " + parts.get(0) + "; other instances were not compared.");
    }
    parts.add("only the accounts of " + String.join(", ", scope.people()));
    return Optional.of("Partial plan: " + String.join("; ", parts)
        + "; nothing else was compared, and accounts no file declares are neither listed nor deleted.");
  }

  /** ", N conflicts to resolve", or nothing when there are none. */
  static String conflicts(int n) {
    return n == 0 ? "" : ", " + n + (n == 1 ? " conflict" : " conflicts") + " to resolve";
  }

  /** Counts of a plan or an instance: suspensions only where there are some. */
  static String counts(Plan plan) {
    return counts(plan.count(Action.CREATE), plan.count(Action.UPDATE), plan.count(Action.SUSPEND),
        plan.count(Action.DELETE), plan.unchanged());
  }

  static String counts(InstancePlan i) {
    String pending = i.pending().isEmpty() ? ""
        : ", " + i.pending().size() + (i.pending().size() == 1 ? " invitation" : " invitations") + " pending";
    return counts(i.count(Action.CREATE), i.count(Action.UPDATE), i.count(Action.SUSPEND), i.count(Action.DELETE),
        i.unchanged()) + pending;
  }

  private static String counts(long create, long update, long suspend, long delete, long unchanged) {
    return create + " to create, " + update + " to update, " + (suspend == 0 ? "" : suspend + " to suspend, ")
        + delete + " to delete, " + unchanged + " unchanged";
  }

  /** The first ten keys, then how many more. */
  static String abbreviate(List<String> keys) {
    int listed = MarkdownRenderer.LISTED_PER_INSTANCE;
    return String.join(", ", keys.subList(0, Math.min(keys.size(), listed)))
        + (keys.size() > listed ? " and " + (keys.size() - listed) + " more" : "");
  }
}
