package dev.roster.output;
import dev.roster.spi.Text;

import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import dev.roster.plan.Conflict;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Skipped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan as a pull-request comment (GitHub-flavoured Markdown): a summary table, warnings, and a
 * collapsible section per person. Stays under a size limit (GitHub allows 65,536 characters in a
 * comment), cutting whole sections and saying where the full plan is.
 */
public final class MarkdownRenderer {
  public static final int GITHUB_COMMENT_LIMIT = 65_536;
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private final Pii pii;
  private final int maxChars;

  public MarkdownRenderer(Pii pii, int maxChars) {
    this.pii = pii;
    this.maxChars = maxChars;
  }

  public String render(Plan plan) {
    StringBuilder head = new StringBuilder();
    head.append("### Roster plan: ").append(plan.isEmpty() ? "no changes"
        : PlanView.counts(plan.count(Action.CREATE), plan.count(Action.UPDATE), plan.count(Action.DELETE), plan.unchanged())
            + PlanView.conflicts(plan.conflicts().size()))
        .append("\n\n");
    head.append("| instance | type | create | update | delete | unchanged |\n|---|---|--:|--:|--:|--:|\n");
    for (InstancePlan i : plan.instances()) {
      head.append("| ").append(inline(i.instance())).append(" | ").append(inline(i.provider())).append(" | ")
          .append(i.count(Action.CREATE)).append(" | ").append(i.count(Action.UPDATE)).append(" | ")
          .append(i.count(Action.DELETE)).append(" | ").append(i.unchanged()).append(" |\n");
    }
    head.append('\n');
    warnings(head, plan);
    StringBuilder body = new StringBuilder();
    List<PlanView.Group> groups = PlanView.byPerson(plan);
    String tailNote = "\n<sub>Secrets are shown as (sensitive)"
        + (pii.on() ? "; names, e-mail addresses and phone numbers are redacted" : "") + ".</sub>\n";
    int shown = 0;
    for (PlanView.Group group : groups) {
      String section = section(group);
      // leave room for the note that says what was cut
      if (head.length() + body.length() + section.length() + tailNote.length() + 400 > maxChars) {
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
    return head.append(body).append(tailNote).toString();
  }

  private void warnings(StringBuilder out, Plan plan) {
    List<PlannedChange> grants = PlanView.adminGrants(plan);
    List<PlannedChange> deletes = PlanView.deletions(plan);
    StringBuilder w = new StringBuilder();
    for (InstancePlan i : plan.instances()) {
      for (Conflict c : i.conflicts()) {
        w.append("> - **conflict**: ").append(c.ids().size()).append(" accounts on ").append(inline(i.instance()))
            .append(" have the key ").append(inline(pii.text(c.key()))).append(" (ids ").append(inline(String.join(", ", c.ids())))
            .append("): nothing is changed for it until one is left\n");
      }
    }
    for (PlannedChange d : deletes) {
      w.append("> - **delete** ").append(who(d.change())).append(" on ").append(inline(d.change().instance()))
          .append(d.change().reason() == null ? "" : " (" + inline(d.change().reason()) + ")").append('\n');
    }
    for (PlannedChange g : grants) {
      w.append("> - **admin grant**: ").append(who(g.change())).append(" on ").append(inline(g.change().instance())).append('\n');
    }
    for (InstancePlan i : plan.instances()) {
      for (Skipped s : i.skipped()) {
        w.append("> - skipped ").append(inline(pii.text(s.key()))).append(" on ").append(inline(i.instance()))
            .append(": ").append(inline(s.reason())).append('\n');
      }
      if (!i.unmanaged().isEmpty()) {
        w.append("> - ").append(i.unmanaged().size()).append(" account(s) on ").append(inline(i.instance()))
            .append(" that no file declares are kept (prune is off)\n");
      }
    }
    if (w.length() > 0) {
      out.append("> [!WARNING]\n").append(w).append('\n');
    }
  }

  private String section(PlanView.Group group) {
    StringBuilder summary = new StringBuilder();
    for (PlannedChange pc : group.changes()) {
      if (summary.length() > 0) {
        summary.append(", ");
      }
      summary.append(pc.change().action().symbol()).append(' ').append(pc.change().instance());
    }
    StringBuilder code = new StringBuilder();
    for (PlannedChange pc : group.changes()) {
      Change c = pc.change();
      code.append(c.action().symbol()).append(' ').append(c.instance()).append(": ").append(pii.text(c.key()))
          .append(c.source() == null ? "" : "  (" + c.source() + ")")
          .append(c.reason() == null ? "" : "  " + c.reason()).append('\n');
      for (FieldChange f : c.fields()) {
        String after = TextRenderer.show(pii.value(f.name(), f.after()), f.sensitive());
        if (c.action() == Action.UPDATE) {
          code.append("-     ").append(f.name()).append(": ").append(TextRenderer.show(pii.value(f.name(), f.before()), f.sensitive())).append('\n');
        }
        code.append(c.action() == Action.CREATE || c.action() == Action.UPDATE ? "+     " : "      ")
            .append(f.name()).append(": ").append(after).append('\n');
      }
      pc.notes().forEach(n -> code.append("      # ").append(n).append('\n'));
    }
    String fence = fenceFor(code);
    String title = group.title().equals(PlanView.NO_PERSON) ? "<i>" + PlanView.NO_PERSON + "</i>"
        : "<b>" + html(group.title()) + "</b>";
    return "<details><summary>" + title + ": " + html(summary.toString()) + "</summary>\n\n"
        + fence + "diff\n" + code + fence + "\n\n</details>\n";
  }

  private String who(Change c) {
    String key = inline(pii.text(c.key()));
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
