package dev.roster.plan;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Action;
import dev.roster.spi.Attribute;
import dev.roster.spi.Change;
import dev.roster.spi.Comparison;
import dev.roster.spi.FieldChange;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Secret;
import dev.roster.spi.Values;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Compares one instance's declared accounts with its live ones. It knows no platform: accounts are
 * attribute maps, paired by the model's key, compared attribute by attribute as the model says, and
 * only where the files write an attribute.
 */
public final class Differ {
  private final AccountModel model;
  /** A declared value in the platform's words, by attribute name: what is compared with the live value. */
  private final BiFunction<String, Object, Object> canonical;
  /** The day (UTC) expiries are judged by. */
  private final LocalDate today;

  public Differ(AccountModel model) {
    this(model, (attribute, value) -> value, LocalDate.now(ZoneOffset.UTC));
  }

  /** @param canonical the provider's {@link dev.roster.spi.Provider#canonical} */
  public Differ(AccountModel model, BiFunction<String, Object, Object> canonical, LocalDate today) {
    this.model = model;
    this.canonical = canonical;
    this.today = today;
  }

  /**
   * One instance's plan: declared accounts paired with live ones by key, or by a former key
   * ({@code previously}) when the key is not live (a rename). Declared accounts' changes come in the
   * files' order, then the live accounts no file declares, in the order they were read. Two live
   * accounts with one key are a conflict: nothing is planned for that key.
   *
   * @param config the instance's config: {@code prune} decides what happens to accounts no file declares,
   *     {@code offboard} whether offboarding deletes or suspends
   * @param protect keys (and handles) that no plan deletes, suspends or demotes
   * @param notes the provider's notes on each change
   */
  public InstancePlan diff(String instance, String type, Map<String, Object> config, List<DeclaredAccount> declared,
      List<LiveAccount> live, Set<String> protect, Function<Change, List<String>> notes) {
    InstanceDiff diff = new InstanceDiff(instance, type, config, declared, live, protect, notes);
    declared.forEach(diff::declared);
    diff.liveByKey.forEach((key, accounts) -> diff.undeclared(key, accounts.get(0)));
    return diff.plan();
  }

  /** One instance's diff as it is made: the live accounts by key, and what is planned so far. */
  private final class InstanceDiff {
    final String instance;
    final String type;
    final Map<String, Object> config;
    final List<LiveAccount> live;
    final Set<String> protect;
    final Function<Change, List<String>> notes;
    /** {@code offboard: suspend}: what prune, {@code ensure: absent} and an expiry do is a suspension. */
    final boolean suspends;
    /** The live accounts by key, without the conflicted keys: the ones that can be paired. */
    final Map<String, List<LiveAccount>> liveByKey = new LinkedHashMap<>();
    final Map<String, String> personByKey = new HashMap<>();
    final List<Conflict> conflicts = new ArrayList<>();
    final Set<String> conflicted = new HashSet<>();
    final List<PlannedChange> changes = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> unmanaged = new ArrayList<>();
    final Set<String> declaredKeys = new HashSet<>();
    /** Former keys an account is paired with (its own keys are in declaredKeys). */
    final Set<String> paired = new HashSet<>();
    /** Former keys the files list: prune leaves those accounts alone. */
    final Set<String> formerKeys = new HashSet<>();
    int unchanged;

    InstanceDiff(String instance, String type, Map<String, Object> config, List<DeclaredAccount> declared,
        List<LiveAccount> live, Set<String> protect, Function<Change, List<String>> notes) {
      this.instance = instance;
      this.type = type;
      this.config = config;
      this.live = live;
      this.protect = protect;
      this.notes = notes;
      this.suspends = "suspend".equals(config.get("offboard"));
      for (LiveAccount account : live) {
        Object key = account.get(model.keyAttribute());
        if (key != null) {
          liveByKey.computeIfAbsent(model.keyOf(key), k -> new ArrayList<>(1)).add(account);
        }
      }
      declared.forEach(a -> personByKey.putIfAbsent(keyOf(a), a.person()));
      // two live accounts with one key: pairing either would be a guess, so that key is left alone
      liveByKey.forEach((key, accounts) -> {
        if (accounts.size() > 1) {
          conflicted.add(key);
          conflicts.add(new Conflict(plainKey(accounts.get(0).get(model.keyAttribute())), personByKey.get(key),
              accounts.stream().map(LiveAccount::id).toList()));
        }
      });
      liveByKey.keySet().removeAll(conflicted);
    }

    /** A declared account: created, updated (renamed), offboarded, or unchanged. */
    void declared(DeclaredAccount account) {
      String key = keyOf(account);
      if (!declaredKeys.add(key) || conflicted.contains(key)) {
        return;
      }
      account.previously().forEach(former -> formerKeys.add(model.keyOf(former)));
      Offboarding offboarding = Offboarding.of(account, shown(account), suspends, today, warnings);
      Pairing pairing = pair(account, key, offboarding);
      LiveAccount current = pairing.live();
      String shownKey = pairing.shownKey();
      String source = account.source() == null ? null : account.source().fileLine();
      if (current == null) {
        if (offboarding == null) {
          List<FieldChange> fields = new ArrayList<>();
          account.attributes().forEach((name, value) -> fields.add(new FieldChange(name, null, value, isSensitive(name, value))));
          add(new Change(instance, type, account.person(), shownKey, Action.CREATE, fields, account.attributes(), null,
              source, null), null);
        }
      } else if (current.readOnlyReason() != null
          && (offboarding != null || !compare(account.attributes(), current).isEmpty())) {
        skipped.add(new Skipped(shownKey, account.person(), current.readOnlyReason()));
      } else if (offboarding != null) {
        if (offboarding.suspend() && model.isSuspended(current)) {
          unchanged++;
        } else if (isProtected(protect, shownKey, account.person())) {
          skipped.add(new Skipped(shownKey, account.person(), "protected: not "
              + (offboarding.suspend() ? "suspended" : "deleted") + " although '" + offboarding.reason() + "'"));
        } else {
          add(offboarding.change(model, instance, type, account.person(), shownKey, current, source), null);
        }
      } else {
        Map<String, Object> desired = reactivated(account.attributes(), current);
        List<FieldChange> fields = compare(desired, current);
        if (fields.isEmpty()) {
          unchanged++;
        } else if (demotes(desired, current) && isProtected(protect, shownKey, account.person())) {
          skipped.add(new Skipped(shownKey, account.person(), "protected: an administrator is never demoted"));
        } else {
          add(new Change(instance, type, account.person(), shownKey, Action.UPDATE, fields, desired, current, source,
              null), pairing.renamedFrom());
        }
      }
    }

    /**
     * The live account a declared one is paired with: the one with its key, else one with a former key
     * (renamed, where the platform can; an account offboarded is shown by the key it still has). Where
     * the platform cannot change a key, nothing: the new key is created, and the reviewer told.
     */
    private Pairing pair(DeclaredAccount account, String key, Offboarding offboarding) {
      if (liveByKey.containsKey(key)) {
        return new Pairing(liveByKey.get(key).get(0), shown(account), null);
      }
      LiveAccount former = formerAccount(account);
      if (former == null) {
        return new Pairing(null, shown(account), null);
      }
      String formerKey = plainKey(former.get(model.keyAttribute()));
      paired.add(model.keyOf(formerKey));
      if (offboarding != null) {
        return new Pairing(former, formerKey, null);
      }
      if (model.renamable()) {
        return new Pairing(former, shown(account), formerKey);
      }
      warnings.add(formerKey + " cannot be renamed to " + shown(account) + " on " + instance + " (" + type
          + " cannot change a key): the plan creates " + shown(account) + " with the declared values, and " + formerKey
          + " keeps its own");
      return new Pairing(null, shown(account), null);
    }

    /** The live account under one of the account's former keys, unless that key is another account's. */
    private LiveAccount formerAccount(DeclaredAccount account) {
      for (String former : account.previously()) {
        String key = model.keyOf(former);
        if (liveByKey.containsKey(key) && !personByKey.containsKey(key)) {
          return liveByKey.get(key).get(0);
        }
      }
      return null;
    }

    /** A live account no declared one is paired with: listed, or offboarded where prune is on. */
    void undeclared(String key, LiveAccount orphan) {
      if (declaredKeys.contains(key) || paired.contains(key)) {
        return;
      }
      String shownKey = plainKey(orphan.get(model.keyAttribute()));
      if (!Boolean.TRUE.equals(config.get("prune"))) {
        unmanaged.add(shownKey);
      } else if (formerKeys.contains(key)) {
        skipped.add(new Skipped(shownKey, null, "listed in previously: left alone while the files name it"));
      } else if (suspends && model.isSuspended(orphan)) {
        return;
      } else if (orphan.readOnlyReason() != null) {
        skipped.add(new Skipped(shownKey, null, orphan.readOnlyReason()));
      } else if (isProtected(protect, shownKey, null)) {
        skipped.add(new Skipped(shownKey, null, "protected: no file declares it, but it is never "
            + (suspends ? "suspended" : "deleted")));
      } else {
        add(Offboarding.pruned(suspends).change(model, instance, type, null, shownKey, orphan, null), null);
      }
    }

    private void add(Change change, String renamedFrom) {
      String fingerprint = change.live() == null ? PlannedChange.ABSENT
          : Values.fingerprint(change.live().id(), change.live().attributes());
      changes.add(new PlannedChange(change, notes.apply(change), fingerprint, grantsAdmin(change), renamedFrom));
    }

    InstancePlan plan() {
      warnings.addAll(possibleRenames(changes));
      List<String> pending = live.stream().filter(LiveAccount::pending)
          .map(a -> plainKey(a.get(model.keyAttribute()))).filter(k -> !conflicted.contains(model.keyOf(k))).toList();
      return new InstancePlan(instance, type, config, changes, unchanged, live.size(), unmanaged, skipped, conflicts,
          warnings, pending, List.of());
    }
  }

  /** The live account a declared one is paired with (null for none), the key it is shown by, and its former key on a rename. */
  private record Pairing(LiveAccount live, String shownKey, String renamedFrom) {}

  /** What the files declare, plus the value that makes a suspended account active when they do not say. */
  private Map<String, Object> reactivated(Map<String, Object> desired, LiveAccount live) {
    AccountModel.Suspension suspension = model.suspension();
    if (suspension == null || desired.containsKey(suspension.attribute()) || !model.isSuspended(live)) {
      return desired;
    }
    Map<String, Object> active = new LinkedHashMap<>(desired);
    active.put(suspension.attribute(), suspension.active());
    return active;
  }

  /**
   * An account deleted where one with the same names is created: probably one person's new key,
   * whose account (and its history) would go.
   */
  private List<String> possibleRenames(List<PlannedChange> changes) {
    if (model.names().isEmpty()) {
      return List.of();
    }
    Map<List<String>, PlannedChange> created = new HashMap<>();
    changes.stream().filter(pc -> pc.change().action() == Action.CREATE)
        .forEach(pc -> names(pc.change().desired()::get).ifPresent(n -> created.putIfAbsent(n, pc)));
    List<String> out = new ArrayList<>();
    for (PlannedChange pc : changes) {
      Change deleted = pc.change();
      if (deleted.action() != Action.DELETE) {
        continue;
      }
      names(deleted.live()::get).map(created::get).ifPresent(c -> out.add("possible rename of " + deleted.key() + " to "
          + c.change().key() + ": add `previously: [" + deleted.key() + "]` to " + c.change().person() + "'s account ("
          + c.change().source() + ") to keep the account and its history"));
    }
    return out;
  }

  /** The account's names, lower-cased (a missing one as empty), when it has one at least. */
  private Optional<List<String>> names(Function<String, Object> values) {
    List<String> names = new ArrayList<>();
    for (String attribute : model.names()) {
      Object value = values.apply(attribute);
      names.add(value instanceof String text ? text.strip().toLowerCase(Locale.ROOT) : "");
    }
    return names.stream().allMatch(String::isEmpty) ? Optional.empty() : Optional.of(names);
  }

  private String keyOf(DeclaredAccount account) {
    return model.keyOf(account.attributes().get(model.keyAttribute()));
  }

  private String shown(DeclaredAccount account) {
    return plainKey(account.attributes().get(model.keyAttribute()));
  }

  /** The managed attributes that differ, nested objects flattened to dotted names. */
  public List<FieldChange> compare(Map<String, Object> desired, LiveAccount live) {
    List<FieldChange> fields = new ArrayList<>();
    for (Map.Entry<String, Object> e : desired.entrySet()) {
      Attribute attribute = model.attribute(e.getKey());
      if (attribute.writeOnly()) {
        continue; // cannot be read back, so cannot be compared: sent on create only
      }
      compareValue(e.getKey(), canonical.apply(e.getKey(), e.getValue()), live.get(e.getKey()), attribute, fields);
    }
    return fields;
  }

  private void compareValue(String name, Object want, Object have, Attribute attribute, List<FieldChange> out) {
    boolean sensitive = isSensitive(attribute.name(), want);
    if (attribute.comparison() == Comparison.SUBSET && want instanceof Map<?, ?> wantMap) {
      Map<?, ?> haveMap = have instanceof Map<?, ?> m ? m : Map.of();
      for (Map.Entry<?, ?> sub : wantMap.entrySet()) {
        compareValue(name + "." + sub.getKey(), sub.getValue(), haveMap.get(sub.getKey()),
            sub.getValue() instanceof Map<?, ?> ? attribute : new Attribute(attribute.name(), Comparison.EXACT, false, sensitive), out);
      }
      return;
    }
    boolean equal = switch (attribute.comparison()) {
      case CASE_INSENSITIVE -> Values.equalIgnoringCase(want, have);
      case UNORDERED -> Values.equalUnordered(want, have);
      case EXACT, SUBSET -> Values.equal(want, have);
    };
    if (!equal) {
      out.add(new FieldChange(name, have, want, sensitive));
    }
  }

  private boolean demotes(Map<String, Object> desired, LiveAccount live) {
    String admin = model.adminAttribute();
    return admin != null && desired.containsKey(admin) && model.isAdmin(live.get(admin)) && !model.isAdmin(desired.get(admin));
  }

  private boolean grantsAdmin(Change change) {
    String admin = model.adminAttribute();
    if (admin == null || change.action() != Action.CREATE && change.action() != Action.UPDATE
        || !model.isAdmin(change.desired().get(admin))) {
      return false;
    }
    return change.live() == null || !model.isAdmin(change.live().get(admin));
  }

  private boolean isSensitive(String name, Object value) {
    return model.attribute(name).sensitive() || value instanceof Secret;
  }

  private static boolean isProtected(Set<String> protect, String key, String person) {
    return protect.stream().anyMatch(p -> p.equalsIgnoreCase(key) || p.equals(person));
  }

  private static String plainKey(Object key) {
    return key instanceof Secret s ? s.reveal() : String.valueOf(key);
  }
}
