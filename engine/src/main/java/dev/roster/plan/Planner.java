package dev.roster.plan;

import dev.roster.InstanceSettings;
import dev.roster.Instances;
import dev.roster.Progress;
import dev.roster.ReadFailure;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderFactory;
import dev.roster.state.StateFiles;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes a plan: for each instance in scope, at once, lists its live accounts (or reads its state
 * file, for a platform that cannot be read) and diffs them against what the files declare. Sends
 * only reads: every provider is built read-only.
 */
public final class Planner {
  private final Instances instances;
  private final StateFiles stateFiles;
  private final Progress progress;

  public Planner(Instances instances, StateFiles stateFiles, Progress progress) {
    this.instances = instances;
    this.stateFiles = stateFiles;
    this.progress = progress;
  }

  public Plan plan(Manifest manifest, Scope scope) {
    Map<String, List<DeclaredAccount>> declared = new LinkedHashMap<>();
    manifest.instances().keySet().stream().filter(scope::includesInstance).forEach(name -> declared.put(name, new ArrayList<>()));
    for (Manifest.DeclaredPerson person : manifest.people()) {
      if (scope.includesPerson(person.handle())) {
        person.accounts().stream().filter(a -> declared.containsKey(a.instance()))
            .forEach(a -> declared.get(a.instance()).add(a));
      }
    }
    List<Supplier<InstancePlan>> tasks = new ArrayList<>();
    declared.forEach((name, accounts) -> tasks.add(
        () -> planInstance(manifest, manifest.instances().get(name), accounts, scope)));
    return new Plan(instances.inParallel(tasks), scope);
  }

  private InstancePlan planInstance(Manifest manifest, Manifest.Instance instance, List<DeclaredAccount> accounts,
      Scope scope) {
    long begun = System.nanoTime();
    ProviderFactory factory = instances.factory(instance.type());
    Provider provider = instances.provider(instance.name(), instance.type(), instance.config(), true);
    List<String> notes = new ArrayList<>();
    List<LiveAccount> live = factory.readable() ? read(instance, factory, provider, accounts)
        : stateFileAccounts(instance, factory, notes);
    // the gates in force travel with the plan, so that a saved plan is checked by the same ones
    Map<String, Object> config = new LinkedHashMap<>(instance.config());
    manifest.safety().forEach(config::putIfAbsent);
    if (scope.somePeople()) {
      config.put("prune", false); // a plan for some people only: accounts no file declares are not theirs to delete
    }
    Set<String> protect = new HashSet<>(manifest.protect());
    protect.addAll(InstanceSettings.of(config).protect());
    InstancePlan plan = new Differ(factory.model(), provider::canonical, LocalDate.now(ZoneOffset.UTC))
        .diff(instance.name(), instance.type(), config, accounts, live, protect, provider::notes);
    refuseWhatThePlatformCannotDo(instance.name(), provider, plan);
    if (instances.verbose()) {
      instances.log(String.format("[%s] %d live accounts read and compared with %d declared in %d ms", instance.name(),
          live.size(), accounts.size(), (System.nanoTime() - begun) / 1_000_000));
    }
    return scope.somePeople() ? plan.withoutUnmanaged().withNotes(notes) : plan.withNotes(notes);
  }

  /**
   * The instance's live accounts, read with what the files declare there. An answer that is not the
   * platform's API (a web page, a 404) names the url to check and where the files set it.
   */
  private List<LiveAccount> read(Manifest.Instance instance, ProviderFactory factory, Provider provider,
      List<DeclaredAccount> accounts) {
    Map<Object, Set<String>> attributesByKey = new LinkedHashMap<>();
    for (DeclaredAccount a : accounts) {
      attributesByKey.putIfAbsent(a.attributes().get(factory.model().keyAttribute()), a.attributes().keySet());
      // an account to rename is still live under a former key: its attributes are read there
      a.previously().forEach(former -> attributesByKey.putIfAbsent(former, a.attributes().keySet()));
    }
    try (Progress.Task reading = progress.start(instance.name(), "reading", -1)) {
      return instances.read(instance.name(), provider, Declared.of(factory.model(), attributesByKey));
    } catch (ReadFailure e) {
      if (!e.notTheApi()) {
        throw e;
      }
      Object url = instance.config().get("url");
      throw new ReadFailure(e.getMessage() + "\n  check the url of '" + instance.name() + "' ("
          + (url == null ? "the platform's default" : url) + ", " + instance.source().fileLine()
          + "): what answered there is not the platform's API");
    }
  }

  /** What the files ask that the platform cannot do (an unknown team, say) fails the plan at each account's place. */
  private static void refuseWhatThePlatformCannotDo(String instance, Provider provider, InstancePlan plan) {
    List<String> problems = new ArrayList<>();
    for (PlannedChange pc : plan.changes()) {
      provider.problems(pc.change()).forEach(p -> problems.add(pc.change().source() + ": " + p));
    }
    if (!problems.isEmpty()) {
      throw new ReadFailure("cannot plan '" + instance + "':\n  " + String.join("\n  ", problems));
    }
  }

  /** What Roster last applied to an instance that cannot be read, and notes saying so. */
  private List<LiveAccount> stateFileAccounts(Manifest.Instance instance, ProviderFactory factory, List<String> notes) {
    var state = stateFiles.open(instance.name(), instance.type(), instance.config(), factory.model());
    notes.add(instance.type() + " cannot be read: this plan compares the files with what Roster last applied, "
        + "recorded in the state file " + InstanceSettings.of(instance.config()).state());
    if (stateFiles.refresh()) {
      notes.add("--refresh-state: the state file is ignored, so every declared value is sent again");
      return List.of();
    }
    if (!state.existed()) {
      notes.add("no state file yet: every declared value is planned as a set");
    }
    return state.accounts();
  }
}
