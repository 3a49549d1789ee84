package dev.roster.apply;

import dev.roster.Instances;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Values;
import dev.roster.state.StateFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a saved plan against the platforms now: reads again the instances its changes touch and
 * compares each entry's live account with the fingerprint taken when the plan was made. An instance
 * with an entry whose account changed since is stale, and must be refused whole.
 */
public final class SavedPlanCheck {
  private final Instances instances;
  private final StateFiles stateFiles;

  /** The saved plan with the live accounts attached, and per stale instance the entries that changed. */
  public record Checked(Plan plan, Map<String, List<String>> stale) {}

  public SavedPlanCheck(Instances instances, StateFiles stateFiles) {
    this.instances = instances;
    this.stateFiles = stateFiles;
  }

  public Checked check(Plan saved) {
    List<Supplier<CheckedInstance>> tasks = new ArrayList<>();
    for (InstancePlan instance : saved.instances()) {
      tasks.add(() -> instance.changes().isEmpty() ? new CheckedInstance(instance, List.of()) : check(instance));
    }
    List<InstancePlan> checked = new ArrayList<>();
    Map<String, List<String>> stale = new LinkedHashMap<>();
    for (CheckedInstance c : instances.inParallel(tasks)) {
      checked.add(c.plan());
      if (!c.reasons().isEmpty()) {
        stale.put(c.plan().instance(), c.reasons());
      }
    }
    return new Checked(new Plan(checked, saved.scope()), stale);
  }

  /** One instance's plan with the live accounts attached, and why it is stale (empty when it is not). */
  private record CheckedInstance(InstancePlan plan, List<String> reasons) {}

  private CheckedInstance check(InstancePlan instance) {
    AccountModel model = instances.factory(instance.provider()).model();
    Map<String, LiveAccount> byKey = new LinkedHashMap<>();
    for (LiveAccount a : current(instance, model)) {
      Object key = a.get(model.keyAttribute());
      if (key != null) {
        byKey.putIfAbsent(model.keyOf(key), a);
      }
    }
    List<String> reasons = new ArrayList<>();
    List<PlannedChange> changes = new ArrayList<>();
    for (PlannedChange pc : instance.changes()) {
      Change c = pc.change();
      LiveAccount now = byKey.get(model.keyOf(pc.liveKey()));
      String fingerprint = now == null ? PlannedChange.ABSENT : Values.fingerprint(now.id(), now.attributes());
      if (!fingerprint.equals(pc.fingerprint())) {
        reasons.add(c.key() + ": " + (now == null ? "the account no longer exists"
            : pc.fingerprint().equals(PlannedChange.ABSENT) ? "the account exists now" : "the account changed since the plan"));
      }
      changes.add(new PlannedChange(new Change(c.instance(), c.provider(), c.person(), c.key(), c.action(), c.fields(),
          c.desired(), now, c.source(), c.reason()), pc.notes(), pc.fingerprint(), pc.adminGrant(), pc.renamedFrom()));
    }
    return new CheckedInstance(instance.withChanges(changes), reasons);
  }

  /** The instance's accounts now, read as the plan read them so that fingerprints compare like with like. */
  private List<LiveAccount> current(InstancePlan instance, AccountModel model) {
    ProviderFactory factory = instances.factory(instance.provider());
    if (!factory.readable()) {
      return stateFiles.open(instance.instance(), instance.provider(), instance.config(), model).accounts();
    }
    Map<Object, Set<String>> wanted = new LinkedHashMap<>();
    instance.changes().forEach(pc -> wanted.putIfAbsent(pc.liveKey(), pc.change().desired().keySet()));
    var provider = instances.provider(instance.instance(), instance.provider(), instance.config(), true);
    return instances.read(instance.instance(), provider, Declared.of(model, wanted));
  }
}
