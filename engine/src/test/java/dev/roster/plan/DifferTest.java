package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Action;
import dev.roster.spi.FieldChange;
import dev.roster.spi.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The diff of one instance: declared accounts paired with live ones by key. */
class DifferTest {
  static final AccountModel MODEL = AccountModel.of("email", List.of(
      Attribute.of("email", Comparison.CASE_INSENSITIVE), Attribute.of("name")));

  static DeclaredAccount declared(String email, String name, boolean absent) {
    return new DeclaredAccount(email.substring(0, 1), "crm", Map.of("email", email, "name", name), absent, null);
  }

  static LiveAccount live(String id, String email, String name) {
    return new LiveAccount(id, email == null ? Map.of("name", name) : Map.of("email", email, "name", name));
  }

  static List<String> actions(InstancePlan plan) {
    return plan.changes().stream().map(c -> c.change().action() + " " + c.change().key()).toList();
  }

  @Test
  void theFilesOrderMakesThePlansOrderWhateverOrderTheLiveAccountsComeIn() {
    List<DeclaredAccount> files = List.of(declared("a@x.io", "Ann", false), declared("b@x.io", "Bob", true),
        declared("c@x.io", "Cy", false), declared("d@x.io", "Di", false));
    List<LiveAccount> read = List.of(live("9", "x@x.io", "X"), live("3", "c@x.io", "Cyrus"), live("1", "a@x.io", "Ann"),
        live("2", "B@x.io", "Bob"), live("7", "a@x.io", "Ann again"), live("8", null, "no key"));
    List<LiveAccount> reversed = new ArrayList<>(read);
    java.util.Collections.reverse(reversed);

    InstancePlan inOrder = new Differ(MODEL).diff("crm", "test", Map.of("prune", true), files, read, Set.of(), c -> List.of());
    InstancePlan backwards = new Differ(MODEL).diff("crm", "test", Map.of("prune", true), files, reversed, Set.of(), c -> List.of());

    // the files' order first (b deleted by 'ensure: absent', c changed, d new), then what no file declares;
    // a's key is held by two live accounts: a conflict, and nothing is planned for it
    assertEquals(List.of("DELETE b@x.io", "UPDATE c@x.io", "CREATE d@x.io", "DELETE x@x.io"), actions(inOrder));
    assertEquals(actions(inOrder), actions(backwards));
    assertEquals(List.of(new Conflict("a@x.io", "a", List.of("1", "7"))), inOrder.conflicts());
    assertEquals(List.of(new Conflict("a@x.io", "a", List.of("7", "1"))), backwards.conflicts());
    assertEquals(0, inOrder.unchanged());
    assertEquals(6, inOrder.liveAccounts());
  }

  static final AccountModel TRACKER = AccountModel.of("login", List.of(
      Attribute.of("login"), Attribute.of("type"), Attribute.of("preferences", Comparison.SUBSET),
      Attribute.of("groups", Comparison.UNORDERED), Attribute.secret("password"))).withAdmin("type", "ADMIN");

  static DeclaredAccount account(String person, Map<String, Object> attributes, boolean absent) {
    return new DeclaredAccount(person, "tracker", attributes, absent, null);
  }

  static InstancePlan diff(Map<String, Object> config, List<DeclaredAccount> declared, List<LiveAccount> live,
      Set<String> protect) {
    return new Differ(TRACKER).diff("tracker", "keitaro", config, declared, live, protect, c -> List.of("note on " + c.key()));
  }

  @Test
  void onlyTheAttributesTheFilesWriteAreComparedAndNestedOnesOnlyByTheKeysWritten() {
    LiveAccount live = new LiveAccount("1", Map.of("login", "alice", "type", "USER", "lastSeen", "yesterday",
        "preferences", Map.of("language", "en", "theme", "dark"), "groups", List.of("a", "b")));
    DeclaredAccount same = account("alice", Map.of("login", "alice", "preferences", Map.of("language", "en"),
        "groups", List.of("b", "a"), "password", new dev.roster.spi.Secret("${env:P}", "s3cret!")), false);

    InstancePlan unchanged = diff(Map.of(), List.of(same), List.of(live), Set.of());
    assertEquals(List.of(), unchanged.changes(), "lastSeen and theme are not managed; groups in another order are equal; "
        + "a password cannot be read back, so it is not compared");
    assertEquals(1, unchanged.unchanged());

    DeclaredAccount changed = account("alice", Map.of("login", "alice", "preferences", Map.of("language", "de")), false);
    PlannedChange update = diff(Map.of(), List.of(changed), List.of(live), Set.of()).changes().get(0);
    assertEquals(Action.UPDATE, update.change().action());
    assertEquals(List.of(new FieldChange("preferences.language", "en", "de", false)), update.change().fields());
    assertEquals(List.of("note on alice"), update.notes(), "the provider's notes travel with the change");
    assertEquals(Values.fingerprint("1", live.attributes()), update.fingerprint());
  }

  @Test
  void aDeclaredAccountWithNoLiveOneIsCreatedWithEveryValueAndSecretsMarkedSensitive() {
    DeclaredAccount alice = account("alice", Map.of("login", "alice", "type", "ADMIN",
        "password", new dev.roster.spi.Secret("${env:P}", "s3cret!")), false);

    PlannedChange create = diff(Map.of(), List.of(alice), List.of(), Set.of()).changes().get(0);

    assertEquals(Action.CREATE, create.change().action());
    assertEquals(PlannedChange.ABSENT, create.fingerprint());
    assertTrue(create.adminGrant(), "a new administrator is an admin grant");
    FieldChange password = create.change().fields().stream().filter(f -> f.name().equals("password")).findFirst().orElseThrow();
    assertTrue(password.sensitive());
    assertEquals(List.of(), diff(Map.of(), List.of(account("bob", Map.of("login", "bob"), true)), List.of(), Set.of()).changes(),
        "ensure: absent with no live account: nothing to do");
  }

  @Test
  void accountsNoFileDeclaresAreDeletedOnlyWithPruneAndNeverWhenProtectedOrReadOnly() {
    List<LiveAccount> live = List.of(new LiveAccount("1", Map.of("login", "carol")), new LiveAccount("2", Map.of("login", "admin")),
        new LiveAccount("3", Map.of("login", "synced"), "synced from SCIM"));

    InstancePlan kept = diff(Map.of(), List.of(), live, Set.of("admin"));
    assertEquals(List.of(), kept.changes());
    assertEquals(List.of("carol", "admin", "synced"), kept.unmanaged());

    InstancePlan pruned = diff(Map.of("prune", true), List.of(), live, Set.of("ADMIN"));
    assertEquals(List.of("DELETE carol"), actions(pruned));
    assertEquals("prune: no file declares this account", pruned.changes().get(0).change().reason());
    assertEquals(List.of("admin", "synced"), pruned.skipped().stream().map(Skipped::key).toList(),
        "protect matches keys ignoring case; a read-only account is never deleted");
  }

  @Test
  void ensureAbsentDeletesUnlessProtectedAndAProtectedAdministratorIsNeverDemoted() {
    List<LiveAccount> live = List.of(new LiveAccount("1", Map.of("login", "bob", "type", "USER")),
        new LiveAccount("2", Map.of("login", "root", "type", "ADMIN")));
    List<DeclaredAccount> declared = List.of(account("bob", Map.of("login", "bob"), true),
        account("root", Map.of("login", "root", "type", "USER"), false));

    InstancePlan open = diff(Map.of(), declared, live, Set.of());
    assertEquals(List.of("DELETE bob", "UPDATE root"), actions(open));
    assertEquals("ensure: absent", open.changes().get(0).change().reason());
    assertFalse(open.changes().get(1).adminGrant(), "a demotion is not a grant");

    InstancePlan guarded = diff(Map.of(), declared, live, Set.of("bob", "root"));
    assertEquals(List.of(), guarded.changes());
    assertEquals(List.of("protected: not deleted although 'ensure: absent'", "protected: an administrator is never demoted"),
        guarded.skipped().stream().map(Skipped::reason).toList());
  }

  @Test
  void aReadOnlyAccountThatDiffersIsSkippedWithItsReason() {
    LiveAccount synced = new LiveAccount("1", Map.of("login", "dave", "type", "USER"), "synced from LDAP");
    InstancePlan plan = diff(Map.of(), List.of(account("dave", Map.of("login", "dave", "type", "ADMIN"), false)),
        List.of(synced), Set.of());
    assertEquals(List.of(), plan.changes());
    assertEquals(List.of(new Skipped("dave", "dave", "synced from LDAP")), plan.skipped());
  }

  @Test
  void theProvidersCanonicalValueIsWhatIsComparedAndShownAsTheValueAfter() {
    // a provider that knows the platform spells group names in lower case
    java.util.function.BiFunction<String, Object, Object> lowerCaseGroups = (attribute, value) ->
        attribute.equals("groups") ? ((List<?>) value).stream().map(g -> g.toString().toLowerCase(java.util.Locale.ROOT)).toList()
            : value;
    LiveAccount live = new LiveAccount("1", Map.of("login", "alice", "groups", List.of("sales")));
    Differ differ = new Differ(TRACKER, lowerCaseGroups, java.time.LocalDate.now(java.time.ZoneOffset.UTC));

    InstancePlan same = differ.diff("tracker", "keitaro", Map.of(), List.of(account("alice",
        Map.of("login", "alice", "groups", List.of("Sales")), false)), List.of(live), Set.of(), c -> List.of());
    assertEquals(List.of(), same.changes(), "Sales is how the files write sales");

    Map<String, Object> declared = Map.of("login", "alice", "groups", List.of("Billing", "Sales"));
    InstancePlan changed = differ.diff("tracker", "keitaro", Map.of(), List.of(account("alice", declared, false)),
        List.of(live), Set.of(), c -> List.of());
    assertEquals(List.of(new FieldChange("groups", List.of("sales"), List.of("billing", "sales"), false)),
        changed.changes().get(0).change().fields());
    assertEquals(declared, changed.changes().get(0).change().desired(), "the provider is given what the files say");
  }
}
