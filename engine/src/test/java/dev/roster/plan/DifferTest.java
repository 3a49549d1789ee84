package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.manifest.Manifest.DeclaredAccount;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.LiveAccount;
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

    // the files' order first (b deleted by 'ensure: absent', c changed, d new), then what no file declares
    assertEquals(List.of("DELETE b@x.io", "UPDATE c@x.io", "CREATE d@x.io", "DELETE x@x.io"), actions(inOrder));
    assertEquals(1, inOrder.unchanged());
    assertEquals(6, inOrder.liveAccounts());
    // the second live account with a's key is left out either way; backwards, it is the one compared
    assertEquals(List.of("DELETE b@x.io", "UPDATE c@x.io", "CREATE d@x.io", "DELETE x@x.io"),
        actions(backwards).stream().filter(a -> !a.equals("UPDATE a@x.io")).toList());
    assertEquals("7", backwards.changes().stream().filter(c -> c.change().key().equals("a@x.io")).findFirst()
        .orElseThrow().change().liveId());
  }
}
