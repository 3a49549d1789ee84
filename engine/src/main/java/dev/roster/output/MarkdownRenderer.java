package dev.roster.output;

import dev.roster.plan.Conflict;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.SafetyGates;
import dev.roster.plan.Skipped;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan as a pull-request comment (GitHub-flavoured Markdown): a refusal by a safety gate first,
 * a summary table, a warning box with what can hurt, a collapsible section per person, and one for
 * what is left alone. A plan that could not be made, or files that are not valid, give the errors
 * instead. Stays under a size limit (65,536 characters on GitHub), cutting whole sections and saying so.
 */
public final class MarkdownRenderer {
  public static final int GITHUB_COMMENT_LIMIT = 65_536;
  /** Beyond this many deletions, admin grants or skipped accounts on one instance, they are counted, not listed. */
  static final int LISTED_PER_INSTANCE = 10;
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private final Pii pii;
  private final int maxChars;
  private final boolean allowUnsafe;

  public MarkdownRenderer(Pii pii, int maxChars) {
    this(pii, maxChars, false);
  }

  /** @param allowUnsafe the plan runs with {@code --allow-unsafe}: going beyond a gate is a warning, not a refusal */
  public MarkdownRenderer(Pii pii, int maxChars, boolean allowUnsafe) {
    this.pii = pii;
    this.maxChars = maxChars;
    this.allowUnsafe = allowUnsafe;
  }

  public String render(Plan plan) {
    plan = pii.redact(plan);
    List<String> gates = SafetyGates.violations(plan);
    boolean refused = !gates.isEmpty() && !allowUnsafe;
    String counts = plan.isEmpty() ? "no changes"
        : PlanView.counts(plan) + PlanView.conflicts(plan.conflicts().size());
    StringBuilder head = new StringBuilder("### Roster plan: ")
        .append(refused ? "refused by a safety gate (" + counts + ")" : counts).append("\n\n");
    PlanView.partial(plan).ifPresent(p -> head.append("> [!NOTE]\n> ").append(inline(p)).append("\n\n"));
    gates(head, gates);
    boolean suspends = plan.count(Action.SUSPEND) > 0;
    head.append("| instance | type | create | update | ").append(suspends ? "suspend | " : "")
        .append("delete | unchanged |\n|---|---|--:|--:|").append(suspends ? "--:|" : "").append("--:|--:|\n");
    for (InstancePlan i : plan.instances()) {
      head.append("| ").append(inline(i.instance())).append(" | ").append(inline(i.provider())).append(" | ")
          .append(i.count(Action.CREATE)).append(" | ").append(i.count(Action.UPDATE)).append(" | ")
          .append(suspends ? i.count(Action.SUSPEND) + " | " : "")
          .append(i.count(Action.DELETE)).append(" | ").append(i.unchanged()).append(" |\n");
    }
    head.append('\n');
    for (InstancePlan i : plan.instances()) {
      i.notes().forEach(n -> head.append("- ").append(inline(i.instance())).append(": ").append(inline(n)).append('\n'));
      if (!i.pending().isEmpty()) {
        head.append("- ").append(inline(i.instance())).append(": ").append(i.pending().size())
            .append(i.pending().size() == 1 ? " invitation" : " invitations").append(" pending, not sent again: ")
            .append(inline(PlanView.abbreviate(i.pending()))).append('\n');
      }
    }
    if (plan.instances().stream().anyMatch(i -> !i.notes().isEmpty() || !i.pending().isEmpty())) {
      head.append('\n');
    }
    warnings(head, plan);
    String leftAlone = leftAlone(plan);
    String tail = tailNote();
    StringBuilder body = new StringBuilder();
    List<PlanView.Group> groups = PlanView.byPerson(plan);
    int shown = 0;
    for (PlanView.Group group : groups) {
      String section = section(group);
      // leave room for the note that says what was cut
      if (head.length() + body.length() + section.length() + leftAlone.length() + tail.length() + 400 > maxChars) {
        break;
      }
      body.append(section);
      shown++;
    }
    if (shown < groups.size()) {
      body.append("\n> [!NOTE]\n> This comment shows ").append(shown).append(" of ").append(groups.size())
          .append(" people: the plan is too long for one comment. The full plan is in the job's artifacts")
          .append(" (`roster plan --out plan.json`, or the text plan in the job log).\n");
    }
    return head.append(body).append(leftAlone).append(tail).toString();
  }

  /** The comment for a plan that could not be made: each instance's error, as Roster printed it. */
  public String cannotPlan(List<String> failures) {
    String intro = "### Roster plan: could not be made\n\n> [!CAUTION]\n> Roster could not read or plan "
        + (failures.size() == 1 ? "an instance" : failures.size() + " instances")
        + ", so there is no plan and nothing was compared. Fix what is named below and run the plan again.\n\n";
    return errors(intro, failures);
  }

  /** The comment for files that are not valid: every problem, with its place in the files. */
  public String invalidFiles(List<String> problems) {
    String intro = "### Roster plan: the files are not valid\n\n> [!CAUTION]\n> " + problems.size()
        + (problems.size() == 1 ? " problem" : " problems") + " found in the files; nothing was sent to any platform.\n\n";
    return errors(intro, List.of(String.join("\n", problems)));
  }

  private String errors(String intro, List<String> messages) {
    StringBuilder out = new StringBuilder(intro);
    String tail = tailNote();
    int shown = 0;
    for (String message : messages) {
      String text = pii.text(message);
      String fence = fenceFor(text);
      String block = fence + "text\n" + text + "\n" + fence + "\n\n";
      if (out.length() + block.length() + tail.length() + 200 > maxChars) {
        break;
      }
      out.append(block);
      shown++;
    }
    if (shown < messages.size()) {
      out.append("> [!NOTE]\n> ").append(messages.size() - shown).append(" more: too long for one comment; the job log has them all.\n\n");
    }
    return out.append(tail).toString();
  }

  private void gates(StringBuilder out, List<String> gates) {
    if (gates.isEmpty()) {
      return;
    }
    out.append(allowUnsafe ? "> [!WARNING]\n> **Beyond a safety gate**, allowed by `--allow-unsafe`:\n"
        : "> [!CAUTION]\n> **Refused by a safety gate.** `roster apply` refuses this plan and changes nothing (exit 3):\n");
    gates.forEach(g -> out.append("> - ").append(inline(g)).append('\n'));
    out.append(allowUnsafe ? "\n" : ">\n> If this is intended, apply with `--allow-unsafe`, or raise the gate in the files: "
        + "`maxDeletes`, `maxDeletePercent`, `maxSuspends` or `maxAdminGrants` on the instance, or under `safety:` for "
        + "every instance.\n\n");
  }

  /** What can hurt: conflicts, warnings, renames, suspensions, deletions and admin grants; many are counted. */
  private void warnings(StringBuilder out, Plan plan) {
    StringBuilder w = new StringBuilder();
    for (InstancePlan i : plan.instances()) {
      for (Conflict c : i.conflicts()) {
        w.append("> - **conflict**: ").append(c.ids().size()).append(" accounts on ").append(inline(i.instance()))
            .append(" have the key ").append(inline(c.key())).append(" (ids ").append(inline(String.join(", ", c.ids())))
            .append("): nothing is changed for it until one is left\n");
      }
    }
    for (InstancePlan i : plan.instances()) {
      i.warnings().forEach(text -> w.append("> - **warning** on ").append(inline(i.instance())).append(": ")
          .append(inline(text)).append('\n'));
      i.changes().stream().filter(c -> c.renamedFrom() != null).forEach(r -> w.append("> - **rename** ")
          .append(inline(r.renamedFrom())).append(" to ").append(who(r.change())).append(" on ").append(inline(i.instance()))
          .append(": the same account, its history kept\n"));
    }
    for (Action action : List.of(Action.SUSPEND, Action.DELETE)) {
      for (InstancePlan i : plan.instances()) {
        offboarded(w, i, action);
      }
    }
    for (InstancePlan i : plan.instances()) {
      List<PlannedChange> grants = i.changes().stream().filter(PlannedChange::adminGrant).toList();
      if (grants.size() > LISTED_PER_INSTANCE) {
        w.append("> - **admin grant**: ").append(grants.size()).append(" accounts on ").append(inline(i.instance()))
            .append('\n');
      } else {
        grants.forEach(g -> w.append("> - **admin grant**: ").append(who(g.change())).append(" on ")
            .append(inline(i.instance())).append('\n'));
      }
    }
    if (w.length() > 0) {
      out.append("> [!WARNING]\n").append(w).append('\n');
    }
  }

  /** An instance's suspensions or deletions, each listed, or counted by reason when there are many. */
  private static void offboarded(StringBuilder w, InstancePlan i, Action action) {
    List<PlannedChange> changes = i.changes().stream().filter(c -> c.change().action() == action).toList();
    String label = "> - **" + action.json() + "** ";
    if (changes.size() > LISTED_PER_INSTANCE) {
      Map<String, Integer> byReason = new LinkedHashMap<>();
      changes.forEach(d -> byReason.merge(d.change().reason() == null ? "declared" : d.change().reason(), 1, Integer::sum));
      w.append(label).append(changes.size()).append(" accounts on ").append(inline(i.instance())).append(": ");
      w.append(String.join(", ", byReason.entrySet().stream().map(e -> e.getValue() + " " + inline(e.getKey())).toList()));
      w.append('\n');
      return;
    }
    for (PlannedChange d : changes) {
      w.append(label).append(who(d.change())).append(" on ").append(inline(i.instance()))
          .append(d.change().reason() == null ? "" : " (" + inline(d.change().reason()) + ")").append('\n');
    }
  }

  /** Skipped accounts and those no file declares: left alone, so in a collapsed section. */
  private String leftAlone(Plan plan) {
    long skipped = plan.instances().stream().mapToLong(i -> i.skipped().size()).sum();
    long unmanaged = plan.instances().stream().mapToLong(i -> i.unmanaged().size()).sum();
    if (skipped == 0 && unmanaged == 0) {
      return "";
    }
    StringBuilder list = new StringBuilder();
    for (InstancePlan i : plan.instances()) {
      List<Skipped> s = i.skipped();
      s.stream().limit(LISTED_PER_INSTANCE).forEach(k -> list.append("- skipped ").append(inline(k.key())).append(" on ")
          .append(inline(i.instance())).append(": ").append(inline(k.reason())).append('\n'));
      if (s.size() > LISTED_PER_INSTANCE) {
        list.append("- and ").append(s.size() - LISTED_PER_INSTANCE).append(" more skipped on ").append(inline(i.instance())).append('\n');
      }
      if (!i.unmanaged().isEmpty()) {
        list.append("- ").append(i.unmanaged().size()).append(" on ").append(inline(i.instance()))
            .append(" that no file declares, kept because prune is off: ")
            .append(inline(PlanView.abbreviate(i.unmanaged()))).append('\n');
      }
    }
    return "\n<details><summary>Left alone: " + skipped + " skipped (protected, or not Roster's to change), "
        + unmanaged + " that no file declares</summary>\n\n" + list + "\n</details>\n";
  }

  private String tailNote() {
    return "\n<sub>Secrets are shown as (sensitive)"
        + (pii.on() ? "; names, e-mail addresses and phone numbers are redacted" : "") + ".</sub>\n";
  }

  private String section(PlanView.Group group) {
    String summary = String.join(", ",
        group.changes().stream().map(pc -> pc.change().action().symbol() + " " + pc.change().instance()).toList());
    StringBuilder code = new StringBuilder();
    for (PlannedChange pc : group.changes()) {
      Change c = pc.change();
      code.append(c.action().symbol()).append(' ').append(c.instance()).append(": ").append(c.key())
          .append(pc.renamedFrom() == null ? "" : " (renamed from " + pc.renamedFrom() + ")")
          .append(c.source() == null ? "" : "  (" + c.source() + ")")
          .append(c.reason() == null ? "" : "  " + c.reason()).append('\n');
      for (FieldChange f : c.fields()) {
        String after = TextRenderer.show(f.after(), f.sensitive());
        boolean updates = c.action() == Action.UPDATE || c.action() == Action.SUSPEND;
        if (updates) {
          code.append("-     ").append(f.name()).append(": ").append(TextRenderer.show(f.before(), f.sensitive())).append('\n');
        }
        code.append(c.action() == Action.CREATE || updates ? "+     " : "      ")
            .append(f.name()).append(": ").append(after).append('\n');
      }
      pc.notes().forEach(n -> code.append("      # ").append(n).append('\n'));
    }
    String fence = fenceFor(code);
    String title = group.title().equals(PlanView.NO_PERSON) ? "<i>" + PlanView.NO_PERSON + "</i>"
        : "<b>" + html(group.title()) + "</b>";
    return "<details><summary>" + title + ": " + html(summary) + "</summary>\n\n"
        + fence + "diff\n" + code + fence + "\n\n</details>\n";
  }

  private static String who(Change c) {
    String key = inline(c.key());
    return c.person() == null || c.person().equals(c.key()) ? key : key + " (" + inline(c.person()) + ")";
  }

  /** A fence longer than any run of backticks in the block, so no value can close it (CommonMark). */
  static String fenceFor(CharSequence code) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(code);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  /** Text inside Markdown: no HTML, no emphasis, no table breaks. */
  static String inline(String s) {
    return html(s).replaceAll("([\\\\`*_\\[\\]|#~!])", "\\\\$1");
  }

  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
