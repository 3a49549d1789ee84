package dev.roster.output;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.manifest.References;
import dev.roster.plan.Conflict;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanFile;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Skipped;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --redact-pii}: no name, e-mail address or phone number is left anywhere a plan holds one, in any format. */
class RedactPiiTest {
  /** Personal data, each placed somewhere else in the plan below. */
  static final List<String> PERSONAL = List.of("alice@example.com", "Alice Liddell", "555 010 9999", "bob@example.com",
      "carol@example.com", "dave@example.com", "erin@example.com", "frank@example.com", "gina@example.com",
      "hal@example.com", "+44 20 7946 0958", "ivy@example.com", "jo@example.com", "kim@example.com",
      "lee-admin@example.com");

  @TempDir Path dir;

  static Plan plan() {
    Change create = new Change("marketing", "engagelab", "alice", "alice@example.com", Action.CREATE,
        List.of(new FieldChange("name", null, "Alice Liddell", false),
            new FieldChange("contacts", null, Map.of("email", "bob@example.com", "mobilePhone", "+1 555 010 9999"), false),
            new FieldChange("properties.backup", null, List.of("carol@example.com"), false)),
        Map.of("userId", "alice@example.com", "contacts", Map.of("email", "bob@example.com")), null, "roster.yaml:3", null);
    Change delete = new Change("marketing", "engagelab", null, "dave@example.com", Action.DELETE, List.of(), Map.of(), null, null,
        "prune: no file declares dave@example.com");
    PlannedChange created = new PlannedChange(create, List.of("registers user_id alice@example.com"), PlannedChange.ABSENT, false);
    PlannedChange deleted = new PlannedChange(delete, List.of(), "f", false);
    InstancePlan instance = new InstancePlan("marketing", "engagelab", Map.of("url", "https://x", "protect", List.of("lee-admin@example.com")), List.of(created, deleted), 0, 3,
        List.of("erin@example.com"), List.of(new Skipped("frank@example.com", "frank", "synced for gina@example.com")),
        List.of(new Conflict("hal@example.com", null, List.of("1", "2"))),
        List.of("possible rename of jo@example.com to joe@example.com"), List.of("kim@example.com"),
        List.of("state file last written for +44 20 7946 0958 and ivy@example.com"));
    return new Plan(List.of(instance));
  }

  @Test
  void everyFormatIsFreeOfPersonalData() throws Exception {
    Pii pii = new Pii(true);
    Map<String, String> formats = Map.of(
        "text by person", new TextRenderer(Style.plain(), TextRenderer.Grouping.person, pii).render(plan()),
        "text by instance", new TextRenderer(Style.plain(), TextRenderer.Grouping.instance, pii).render(plan()),
        "markdown", new MarkdownRenderer(pii, MarkdownRenderer.GITHUB_COMMENT_LIMIT).render(plan()),
        "json", new JsonRenderer(pii).render(plan()));
    formats.forEach((format, out) -> {
      PERSONAL.forEach(p -> assertFalse(out.contains(p), format + " shows " + p + ":\n" + out));
      assertTrue(out.contains("a…@example.com") && out.contains(Pii.MASK), format + ":\n" + out);
    });
    // the same plan unredacted shows each of them: the list above is where personal data is
    String plain = new TextRenderer(Style.plain()).render(plan()) + new JsonRenderer().render(plan());
    PERSONAL.forEach(p -> assertTrue(plain.contains(p), p + " is in the plan"));
  }

  @Test
  void aRedactedPlanIsShownButNeverApplied() throws Exception {
    Path file = dir.resolve("plan.json");
    Files.writeString(file, new JsonRenderer(new Pii(true)).render(plan()));
    String shown = new TextRenderer(Style.plain()).render(PlanFile.view(file));
    PERSONAL.forEach(p -> assertFalse(shown.contains(p), shown));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanFile.read(file, new References(Map.of())));
    assertTrue(e.getMessage().contains("redacted (--redact-pii), so it cannot be applied"), e.getMessage());
  }
}
