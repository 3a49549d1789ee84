package dev.roster.plan;
import dev.roster.spi.Values;
import dev.roster.spi.FieldChange;
import dev.roster.spi.Action;
import dev.roster.spi.Change;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  public Differ(AccountModel model) {
    this(model, (attribute, value) -> value);
  }

  /** @param canonical the provider's {@link dev.roster.spi.Provider#canonical} */
  public Differ(AccountModel model, BiFunction<String, Object, Object> canonical) {
    this.model = model;
    this.canonical = canonical;
  }

  /**
   * One instance's plan: declared accounts paired with live ones by key. Declared accounts' changes
   * come in the files' order, then the live accounts no file declares, in the order they were read.
   * Two live accounts with one key are a conflict: nothing is planned for that key.
   *
   * @param config the instance's config: {@code prune} decides what happens to accounts no file declares
   * @param protect keys (and handles) that no plan deletes or demotes
   * @param notes the provider's notes on each change
   */
  public InstancePlan diff(String instance, String type, Map<String, Object> config, List<DeclaredAccount> declared,
      List<LiveAccount> live, Set<String> protect, Function<Change, List<String>> notes) {
    Map<String, List<LiveAccount>> liveByKey = new LinkedHashMap<>();
    for (LiveAccount account : live) {
      Object key = account.get(model.keyAttribute());
      if (key != null) {
        liveByKey.computeIfAbsent(model.keyOf(key), k -> new ArrayList<>(1)).add(account);
      }
    }
    // two live accounts with one key: pairing either would be a guess, so that key is left alone
    Map<String, String> personByKey = new HashMap<>();
    declared.forEach(a -> personByKey.putIfAbsent(model.keyOf(a.attributes().get(model.keyAttribute())), a.person()));
    List<Conflict> conflicts = new ArrayList<>();
    Set<String> conflicted = new HashSet<>();
    liveByKey.forEach((key, accounts) -> {
      if (accounts.size() > 1) {
        conflicted.add(key);
        conflicts.add(new Conflict(plainKey(accounts.get(0).get(model.keyAttribute())), personByKey.get(key),
            accounts.stream().map(LiveAccount::id).toList()));
      }
    });
    liveByKey.keySet().removeAll(conflicted);
    List<PlannedChange> changes = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    int unchanged = 0;
    Set<String> declaredKeys = new HashSet<>();
    for (DeclaredAccount account : declared) {
      String key = model.keyOf(account.attributes().get(model.keyAttribute()));
      if (!declaredKeys.add(key) || conflicted.contains(key)) {
        continue;
      }
      LiveAccount current = liveByKey.containsKey(key) ? liveByKey.get(key).get(0) : null;
      String shownKey = plainKey(account.attributes().get(model.keyAttribute()));
      String source = account.source() == null ? null : account.source().fileLine();
      if (current == null) {
        if (!account.absent()) {
          List<FieldChange> fields = new ArrayList<>();
          account.attributes().forEach((name, value) -> fields.add(new FieldChange(name, null, value, isSensitive(name, value))));
          changes.add(planned(new Change(instance, type, account.person(), shownKey, Action.CREATE, fields,
              account.attributes(), null, source, null), notes));
        }
      } else if (current.readOnlyReason() != null && (account.absent() || !compare(account.attributes(), current).isEmpty())) {
        skipped.add(new Skipped(shownKey, account.person(), current.readOnlyReason()));
      } else if (account.absent()) {
        if (isProtected(protect, shownKey, account.person())) {
          skipped.add(new Skipped(shownKey, account.person(), "protected: not deleted although 'ensure: absent'"));
        } else {
          changes.add(planned(new Change(instance, type, account.person(), shownKey, Action.DELETE, List.of(), Map.of(),
              current, source, "ensure: absent"), notes));
        }
      } else {
        List<FieldChange> fields = compare(account.attributes(), current);
        if (fields.isEmpty()) {
          unchanged++;
        } else if (demotes(account.attributes(), current) && isProtected(protect, shownKey, account.person())) {
          skipped.add(new Skipped(shownKey, account.person(), "protected: an administrator is never demoted"));
        } else {
          changes.add(planned(new Change(instance, type, account.person(), shownKey, Action.UPDATE, fields,
              account.attributes(), current, source, null), notes));
        }
      }
    }
    List<String> unmanaged = new ArrayList<>();
    boolean prune = Boolean.TRUE.equals(config.get("prune"));
    liveByKey.forEach((key, accounts) -> {
      LiveAccount orphan = accounts.get(0);
      if (declaredKeys.contains(key)) {
        return;
      }
      String shownKey = plainKey(orphan.get(model.keyAttribute()));
      if (!prune) {
        unmanaged.add(shownKey);
      } else if (orphan.readOnlyReason() != null) {
        skipped.add(new Skipped(shownKey, null, orphan.readOnlyReason()));
      } else if (isProtected(protect, shownKey, null)) {
        skipped.add(new Skipped(shownKey, null, "protected: no file declares it, but it is never deleted"));
      } else {
        changes.add(planned(new Change(instance, type, null, shownKey, Action.DELETE, List.of(), Map.of(), orphan, null,
            "prune: no file declares this account"), notes));
      }
    });
    return new InstancePlan(instance, type, config, changes, unchanged, live.size(), unmanaged, skipped, conflicts, List.of());
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
    switch (attribute.comparison()) {
      case SUBSET -> {
        if (want instanceof Map<?, ?> wantMap) {
          Map<?, ?> haveMap = have instanceof Map<?, ?> m ? m : Map.of();
          for (Map.Entry<?, ?> sub : wantMap.entrySet()) {
            compareValue(name + "." + sub.getKey(), sub.getValue(), haveMap.get(sub.getKey()),
                sub.getValue() instanceof Map<?, ?> ? attribute : new Attribute(attribute.name(), Comparison.EXACT, false, sensitive), out);
          }
          return;
        }
        if (!Values.equal(want, have)) {
          out.add(new FieldChange(name, have, want, sensitive));
        }
      }
      case CASE_INSENSITIVE -> {
        if (!Values.equalIgnoringCase(want, have)) {
          out.add(new FieldChange(name, have, want, sensitive));
        }
      }
      case UNORDERED -> {
        if (!Values.equalUnordered(want, have)) {
          out.add(new FieldChange(name, have, want, sensitive));
        }
      }
      case EXACT -> {
        if (!Values.equal(want, have)) {
          out.add(new FieldChange(name, have, want, sensitive));
        }
      }
    }
  }

  private boolean demotes(Map<String, Object> desired, LiveAccount live) {
    String admin = model.adminAttribute();
    return admin != null && desired.containsKey(admin) && model.isAdmin(live.get(admin)) && !model.isAdmin(desired.get(admin));
  }

  private boolean grantsAdmin(Change change) {
    String admin = model.adminAttribute();
    if (admin == null || change.action() == Action.DELETE || !model.isAdmin(change.desired().get(admin))) {
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

  private PlannedChange planned(Change change, Function<Change, List<String>> notes) {
    String fingerprint = change.live() == null ? PlannedChange.ABSENT
        : Values.fingerprint(change.live().id(), change.live().attributes());
    return new PlannedChange(change, notes.apply(change), fingerprint, grantsAdmin(change));
  }
}
