package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.manifest.Manifest.Ensure;
import dev.roster.manifest.Manifest.Expiry;
import dev.roster.manifest.Source;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Action;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.FieldChange;
import dev.roster.spi.LiveAccount;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Renames, suspension, expiry and pending invitations, as the diff plans them. */
class PeopleChangeDiffTest {
  static final LocalDate TODAY = LocalDate.of(2027, 1, 20);
  static final AccountModel USERS = AccountModel.of("email", List.of(
      Attribute.of("email", Comparison.CASE_INSENSITIVE), Attribute.of("firstName"), Attribute.of("lastName"),
      Attribute.of("isActive"))).withSuspension("isActive", false, true).withNames("firstName", "lastName");

  static DeclaredAccount account(String person, String email, Ensure ensure, List<String> previously, LocalDate until) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("email", email);
    attributes.put("firstName", person);
    return new DeclaredAccount(person, "users", attributes, ensure, previously,
        until == null ? null : new Expiry(until, new Source("people.yaml", 7, 12)), new Source("people.yaml", 3, 5));
  }

  static DeclaredAccount present(String person, String email) {
    return account(person, email, Ensure.PRESENT, List.of(), null);
  }

  static LiveAccount live(String id, String email, String firstName, boolean active) {
    return new LiveAccount(id, Map.of("email", email, "firstName", firstName, "isActive", active));
  }

  static InstancePlan diff(AccountModel model, Map<String, Object> config, List<DeclaredAccount> declared,
      List<LiveAccount> live) {
    return new Differ(model, (attribute, value) -> value, TODAY)
        .diff("users", "test", config, declared, live, Set.of("boss@x.io"), c -> List.of());
  }

  static List<String> actions(InstancePlan plan) {
    return plan.changes().stream().map(c -> c.change().action() + " " + c.change().key()).toList();
  }

  @Test
  void aFormerKeyRenamesTheLiveAccountInPlaceAndNothingIsDeletedOrCreated() {
    InstancePlan plan = diff(USERS, Map.of("prune", true),
        List.of(account("ann", "ann@new.io", Ensure.PRESENT, List.of("Ann@Old.io"), null)),
        List.of(live("41", "ann@old.io", "ann", true)));

    assertEquals(List.of("UPDATE ann@new.io"), actions(plan));
    PlannedChange rename = plan.changes().get(0);
    assertEquals("ann@old.io", rename.renamedFrom());
    assertEquals("41", rename.change().liveId());
    assertEquals(List.of(new FieldChange("email", "ann@old.io", "ann@new.io", false)), rename.change().fields());
  }

  @Test
  void aFormerKeyThatIsAnotherPersonsKeyIsTheirsAndIsNotRenamed() {
    InstancePlan plan = diff(USERS, Map.of("prune", true),
        List.of(account("ann", "ann@new.io", Ensure.PRESENT, List.of("bob@x.io"), null), present("bob", "bob@x.io")),
        List.of(live("41", "bob@x.io", "bob", true)));

    assertEquals(List.of("CREATE ann@new.io"), actions(plan));
    assertNull(plan.changes().get(0).renamedFrom());
  }

  @Test
  void whereKeysCannotChangeTheNewKeyIsCreatedTheOldAccountKeptAndTheReviewerWarned() {
    InstancePlan plan = diff(USERS.notRenamable(), Map.of("prune", true),
        List.of(account("ann", "ann@new.io", Ensure.PRESENT, List.of("ann@old.io"), null)),
        List.of(live("41", "ann@old.io", "ann", true)));

    assertEquals(List.of("CREATE ann@new.io"), actions(plan), "the old account is neither renamed nor pruned");
    assertEquals(1, plan.warnings().size());
    assertTrue(plan.warnings().get(0).startsWith("ann@old.io cannot be renamed to ann@new.io on users"), plan.warnings().get(0));
  }

  @Test
  void aFormerKeyStillLiveBesideTheNewOneIsLeftAloneByPrune() {
    InstancePlan plan = diff(USERS, Map.of("prune", true),
        List.of(account("ann", "ann@new.io", Ensure.PRESENT, List.of("ann@old.io"), null)),
        List.of(live("41", "ann@old.io", "ann", true), live("42", "ann@new.io", "ann", true)));

    assertEquals(List.of(), actions(plan));
    assertEquals(List.of(new Skipped("ann@old.io", null, "listed in previously: left alone while the files name it")),
        plan.skipped());
  }

  @Test
  void ensureSuspendedSuspendsOnceAndPresentAgainReactivates() {
    DeclaredAccount suspended = account("ann", "ann@x.io", Ensure.SUSPENDED, List.of(), null);

    InstancePlan first = diff(USERS, Map.of(), List.of(suspended), List.of(live("41", "ann@x.io", "ann", true)));
    assertEquals(List.of("SUSPEND ann@x.io"), actions(first));
    assertEquals(List.of(new FieldChange("isActive", true, false, false)), first.changes().get(0).change().fields());
    assertEquals(Map.of("isActive", false), first.changes().get(0).change().desired());
    assertEquals("ensure: suspended", first.changes().get(0).change().reason());

    InstancePlan again = diff(USERS, Map.of(), List.of(suspended), List.of(live("41", "ann@x.io", "ann", false)));
    assertEquals(List.of(), actions(again));
    assertEquals(1, again.unchanged());

    InstancePlan back = diff(USERS, Map.of(), List.of(present("ann", "ann@x.io")), List.of(live("41", "ann@x.io", "ann", false)));
    assertEquals(List.of("UPDATE ann@x.io"), actions(back));
    assertEquals(List.of(new FieldChange("isActive", false, true, false)), back.changes().get(0).change().fields());
  }

  @Test
  void offboardSuspendMakesAbsentAndPruneSuspendAndNeverDelete() {
    Map<String, Object> config = Map.of("prune", true, "offboard", "suspend");
    InstancePlan plan = diff(USERS, config, List.of(account("ann", "ann@x.io", Ensure.ABSENT, List.of(), null)),
        List.of(live("41", "ann@x.io", "ann", true), live("42", "gone@x.io", "gone", true),
            live("43", "already@x.io", "already", false), live("44", "boss@x.io", "boss", true)));

    assertEquals(List.of("SUSPEND ann@x.io", "SUSPEND gone@x.io"), actions(plan));
    assertEquals("ensure: absent; offboard: suspend", plan.changes().get(0).change().reason());
    assertEquals("prune: no file declares this account; offboard: suspend", plan.changes().get(1).change().reason());
    assertEquals(List.of(new Skipped("boss@x.io", null, "protected: no file declares it, but it is never suspended")),
        plan.skipped());
  }

  @Test
  void anExpiredAccountIsOffboardedFromItsDayAndOneExpiringWithinAWeekIsOnlyAWarning() {
    List<LiveAccount> live = List.of(live("41", "ann@x.io", "ann", true), live("42", "bob@x.io", "bob", true),
        live("43", "cy@x.io", "cy", true));
    List<DeclaredAccount> declared = List.of(
        account("ann", "ann@x.io", Ensure.PRESENT, List.of(), TODAY),
        account("bob", "bob@x.io", Ensure.PRESENT, List.of(), TODAY.plusDays(7)),
        account("cy", "cy@x.io", Ensure.PRESENT, List.of(), TODAY.plusDays(8)));

    InstancePlan deletes = diff(USERS, Map.of(), declared, live);
    assertEquals(List.of("DELETE ann@x.io"), actions(deletes));
    assertEquals("expired on 2027-01-20 (people.yaml:7)", deletes.changes().get(0).change().reason());
    assertEquals(List.of("bob@x.io (bob) expires on 2027-01-27 (people.yaml:7)"), deletes.warnings());
    assertEquals(2, deletes.unchanged());

    InstancePlan suspendedThenExpired = diff(USERS, Map.of(),
        List.of(account("ann", "ann@x.io", Ensure.SUSPENDED, List.of(), TODAY)), live);
    assertEquals(List.of("DELETE ann@x.io"), actions(suspendedThenExpired), "an expired account goes as an absent one");

    InstancePlan suspends = diff(USERS, Map.of("offboard", "suspend"), declared, live);
    assertEquals(List.of("SUSPEND ann@x.io"), actions(suspends));
    assertEquals("expired on 2027-01-20 (people.yaml:7); offboard: suspend", suspends.changes().get(0).change().reason());
  }

  @Test
  void anAccountDeletedWhereOneWithTheSameNamesIsCreatedIsAPossibleRename() {
    InstancePlan plan = diff(USERS, Map.of("prune", true), List.of(present("ann", "ann@new.io")),
        List.of(live("41", "ann@old.io", "Ann", true), live("42", "zed@x.io", "zed", true)));

    assertEquals(List.of("CREATE ann@new.io", "DELETE ann@old.io", "DELETE zed@x.io"), actions(plan));
    assertEquals(List.of("possible rename of ann@old.io to ann@new.io: add `previously: [ann@old.io]` to ann's account"
        + " (people.yaml:3) to keep the account and its history"), plan.warnings());
  }

  @Test
  void pendingInvitationsAreListedAndNotPlannedAgain() {
    LiveAccount invited = new LiveAccount("41", Map.of("email", "ann@x.io", "firstName", "ann", "isActive", true), null, true);
    InstancePlan plan = diff(USERS, Map.of(), List.of(present("ann", "ann@x.io")), List.of(invited));

    assertEquals(List.of(), actions(plan));
    assertEquals(List.of("ann@x.io"), plan.pending());
    assertEquals(1, plan.unchanged());
  }

  @Test
  void suspensionsHaveTheirOwnGateAndTheDeletionGatesDoNotCountThem() {
    InstancePlan plan = diff(USERS, Map.of("prune", true, "offboard", "suspend", "maxSuspends", 1, "maxDeletes", 0),
        List.of(), List.of(live("41", "ann@x.io", "ann", true), live("42", "bob@x.io", "bob", true)));

    assertEquals(List.of("'users': 2 suspensions, more than maxSuspends 1"), SafetyGates.violations(new Plan(List.of(plan))));
  }

  @Test
  void aSuspensionIsCountedApartAndListedUnderAttentionInEveryFormat() {
    InstancePlan plan = diff(USERS, Map.of("prune", true, "offboard", "suspend"), List.of(present("ann", "ann@x.io")),
        List.of(live("41", "ann@x.io", "ann", true), live("42", "gone@x.io", "gone", true)));
    Plan whole = new Plan(List.of(plan));

    String text = new dev.roster.output.TextRenderer(dev.roster.output.Style.plain()).render(whole);
    assertTrue(text.contains("users (test): 0 to create, 0 to update, 1 to suspend, 0 to delete, 1 unchanged"), text);
    assertTrue(text.contains("suspend gone@x.io on users (prune: no file declares this account; offboard: suspend)"), text);
    assertTrue(text.contains("! users: gone@x.io"), text);
    assertTrue(text.contains("isActive: true -> false"), text);

    String markdown = new dev.roster.output.MarkdownRenderer(dev.roster.output.Pii.off(), 65_536).render(whole);
    assertTrue(markdown.contains("| instance | type | create | update | suspend | delete | unchanged |"), markdown);
    assertTrue(markdown.contains("| users | test | 0 | 0 | 1 | 0 | 1 |"), markdown);
    assertTrue(markdown.contains("> - **suspend** gone@x.io on users"), markdown);

    String json = new dev.roster.output.JsonRenderer().render(whole);
    assertTrue(json.contains("\"suspend\" : 1"), json);
    assertTrue(json.contains("\"action\" : \"suspend\""), json);
  }
}
