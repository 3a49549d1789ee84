package dev.roster.plan;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.manifest.Manifest.Instance;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares one instance's declared accounts with its live ones. It knows no platform: accounts are
 * attribute maps, paired by the model's key, compared attribute by attribute as the model says, and
 * only where the files write an attribute.
 */
public final class Differ {
  private final AccountModel model;
  private final boolean caseInsensitiveKey;

  public Differ(AccountModel model) {
    this.model = model;
    this.caseInsensitiveKey = model.key().comparison() == Comparison.CASE_INSENSITIVE;
  }

  /**
   * @param protect keys (and handles) that no plan deletes
   * @param notes the provider's notes on each change
   */
  public InstancePlan diff(Instance instance, List<DeclaredAccount> declared, List<LiveAccount> live,
      Set<String> protect, Function<Change, List<String>> notes) {
    Diffing diffing = start(instance, declared, protect, notes);
    live.forEach(diffing::add);
    return diffing.plan();
  }

  /**
   * A diff to be fed the live accounts one at a time, as they are read: each is compared as it comes
   * in, so that little is left to do once the last page is in.
   */
  public Diffing start(Instance instance, List<DeclaredAccount> declared, Set<String> protect,
      Function<Change, List<String>> notes) {
    return new Diffing(instance, declared, protect, notes);
  }

  /**
   * One instance's diff, fed its live accounts by {@link #add}, one at a time. The plan's order does
   * not depend on theirs: declared accounts' changes in the files' order, then the accounts no file
   * declares in the order they came. Of two live accounts with one key, the first is compared.
   */
  public final class Diffing {
    /** What a declared account's live one made of it: a change, a skip, or this. */
    private static final Object UNCHANGED = new Object();

    private final Instance instance;
    private final List<DeclaredAccount> declared;
    private final Set<String> protect;
    private final Function<Change, List<String>> notes;
    /** Key to the first declared account with it; a second one with the same key is planned as new. */
    private final Map<String, Integer> declaredByKey;
    private final Object[] outcome;
    /** Keys of the live accounts so far: a second live account with a key already seen is left out. */
    private final Set<String> liveKeys = new HashSet<>();
    private final List<LiveAccount> undeclared = new ArrayList<>();
    private int live;

    private Diffing(Instance instance, List<DeclaredAccount> declared, Set<String> protect,
        Function<Change, List<String>> notes) {
      this.instance = instance;
      this.declared = declared;
      this.protect = protect;
      this.notes = notes;
      this.declaredByKey = new HashMap<>(declared.size() * 4 / 3 + 1);
      for (int i = 0; i < declared.size(); i++) {
        declaredByKey.putIfAbsent(Values.keyOf(declared.get(i).attributes().get(model.keyAttribute()), caseInsensitiveKey), i);
      }
      this.outcome = new Object[declared.size()];
    }

    /** Compares one live account with the declared account of the same key, if any. */
    public void add(LiveAccount account) {
      live++;
      Object value = account.get(model.keyAttribute());
      String key = value == null ? null : Values.keyOf(value, caseInsensitiveKey);
      if (key == null || !liveKeys.add(key)) {
        return;
      }
      Integer i = declaredByKey.get(key);
      if (i == null) {
        undeclared.add(account);
      } else {
        outcome[i] = compare(declared.get(i), account);
      }
    }

    /** The plan: every declared account no live one matched is created, and the rest of each is as compared. */
    public InstancePlan plan() {
      List<PlannedChange> changes = new ArrayList<>();
      List<Skipped> skipped = new ArrayList<>();
      List<String> unmanaged = new ArrayList<>();
      int unchanged = 0;
      for (int i = 0; i < outcome.length; i++) {
        Object result = outcome[i];
        DeclaredAccount account = declared.get(i);
        if (result == null && !account.absent()) {
          List<FieldChange> fields = new ArrayList<>();
          account.attributes().forEach((name, value) -> fields.add(
              new FieldChange(name, null, value, isSensitive(name, value))));
          changes.add(planned(new Change(instance.name(), instance.type(), account.person(), shownKey(account),
              Action.CREATE, fields, account.attributes(), null, account.source(), null), notes));
        } else if (result instanceof PlannedChange change) {
          changes.add(change);
        } else if (result instanceof Skipped skip) {
          skipped.add(skip);
        } else if (result == UNCHANGED) {
          unchanged++;
        }
      }
      for (LiveAccount orphan : undeclared) {
        String shownKey = plainKey(orphan.get(model.keyAttribute()));
        if (!instance.prune()) {
          unmanaged.add(shownKey);
        } else if (orphan.readOnlyReason() != null) {
          skipped.add(new Skipped(shownKey, null, orphan.readOnlyReason()));
        } else if (isProtected(protect, shownKey, null)) {
          skipped.add(new Skipped(shownKey, null, "protected: no file declares it, but it is never deleted"));
        } else {
          changes.add(planned(new Change(instance.name(), instance.type(), null, shownKey, Action.DELETE, List.of(),
              Map.of(), orphan, null, "prune: no file declares this account"), notes));
        }
      }
      return new InstancePlan(instance.name(), instance.type(), instance.config(), changes, unchanged, live, unmanaged,
          skipped, List.of());
    }

    /** A declared account against its live one: a change, a skip, or {@link #UNCHANGED}. */
    private Object compare(DeclaredAccount account, LiveAccount current) {
      List<FieldChange> fields = account.absent() ? List.of() : Differ.this.compare(account.attributes(), current);
      if (!account.absent() && fields.isEmpty()) {
        return UNCHANGED; // most of a plan: nothing more worked out for them
      }
      String shownKey = shownKey(account);
      String type = instance.type();
      if (account.absent()) {
        if (current.readOnlyReason() != null) {
          return new Skipped(shownKey, account.person(), current.readOnlyReason());
        }
        if (isProtected(protect, shownKey, account.person())) {
          return new Skipped(shownKey, account.person(), "protected: not deleted although 'ensure: absent'");
        }
        return planned(new Change(instance.name(), type, account.person(), shownKey, Action.DELETE, List.of(),
            Map.of(), current, account.source(), "ensure: absent"), notes);
      }
      if (current.readOnlyReason() != null) {
        return new Skipped(shownKey, account.person(), current.readOnlyReason());
      }
      if (demotes(account.attributes(), current) && isProtected(protect, shownKey, account.person())) {
        return new Skipped(shownKey, account.person(), "protected: an administrator is never demoted");
      }
      return planned(new Change(instance.name(), type, account.person(), shownKey, Action.UPDATE, fields,
          account.attributes(), current, account.source(), null), notes);
    }

    private String shownKey(DeclaredAccount account) {
      return plainKey(account.attributes().get(model.keyAttribute()));
    }
  }

  /** The managed attributes that differ, nested objects flattened to dotted names. */
  public List<FieldChange> compare(Map<String, Object> desired, LiveAccount live) {
    List<FieldChange> fields = new ArrayList<>();
    for (Map.Entry<String, Object> e : desired.entrySet()) {
      Attribute attribute = model.attribute(e.getKey());
      if (attribute.writeOnly()) {
        continue; // cannot be read back, so cannot be compared: sent on create only
      }
      compareValue(e.getKey(), e.getValue(), live.get(e.getKey()), attribute, fields);
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
