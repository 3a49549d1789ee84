package dev.roster.output;

import dev.roster.spi.Json;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import dev.roster.plan.Conflict;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Skipped;
import dev.roster.spi.Secret;
import java.util.List;

/**
 * The plan as Terraform-like text: a summary per instance, what needs attention (admin grants,
 * deletions), then each person's changes across every platform ({@code + ~ -}), or each instance's.
 */
public final class TextRenderer {
  /** How changes are grouped. */
  public enum Grouping { person, instance }

  private final Style style;
  private final Grouping grouping;
  private final Pii pii;

  public TextRenderer(Style style) {
    this(style, Grouping.person, Pii.off());
  }

  public TextRenderer(Style style, Grouping grouping, Pii pii) {
    this.style = style;
    this.grouping = grouping;
    this.pii = pii;
  }

  public String render(Plan plan) {
    plan = pii.redact(plan);
    StringBuilder out = new StringBuilder();
    PlanView.partial(plan).ifPresent(p -> out.append(style.yellow(p)).append("\n\n"));
    summary(out, plan);
    attention(out, plan);
    List<PlanView.Group> groups = grouping == Grouping.person ? PlanView.byPerson(plan) : PlanView.byInstance(plan);
    for (PlanView.Group group : groups) {
      out.append(style.bold(group.title())).append('\n');
      for (PlannedChange pc : group.changes()) {
        change(out, pc);
      }
      out.append('\n');
    }
    for (InstancePlan instance : plan.instances()) {
      for (Skipped s : instance.skipped()) {
        out.append(style.yellow("!")).append(" ").append(instance.instance()).append(": skipped ")
            .append(who(s.key(), s.person())).append(": ").append(s.reason()).append('\n');
      }
      if (!instance.pending().isEmpty()) {
        out.append(style.yellow("!")).append(" ").append(instance.instance()).append(": invitation pending (not sent again): ")
            .append(PlanView.abbreviate(instance.pending())).append('\n');
      }
      if (!instance.unmanaged().isEmpty()) {
        out.append(style.yellow("!")).append(" ").append(instance.instance()).append(": ")
            .append(instance.unmanaged().size()).append(" live account(s) no file declares, kept because prune is off: ")
            .append(PlanView.abbreviate(instance.unmanaged())).append('\n');
      }
    }
    if (plan.instances().stream().anyMatch(i -> !i.skipped().isEmpty() || !i.unmanaged().isEmpty() || !i.pending().isEmpty())) {
      out.append('\n');
    }
    if (plan.isEmpty()) {
      out.append(style.green("No changes.")).append(" The platforms match the files.\n");
    } else {
      out.append(style.bold("Plan: ")).append(PlanView.counts(plan)).append(PlanView.conflicts(plan.conflicts().size()))
          .append(".\n");
    }
    return out.toString();
  }

  private void summary(StringBuilder out, Plan plan) {
    for (InstancePlan instance : plan.instances()) {
      out.append(instance.instance()).append(" (").append(instance.provider()).append("): ")
          .append(PlanView.counts(instance))
          .append(PlanView.conflicts(instance.conflicts().size())).append('\n');
      instance.notes().forEach(n -> out.append("  ").append(style.dim("note: " + n)).append('\n'));
    }
    out.append('\n');
  }

  /** What a reviewer must not miss, first: conflicts, warnings, renames, admin grants, suspensions and deletions. */
  private void attention(StringBuilder out, Plan plan) {
    StringBuilder a = new StringBuilder();
    for (InstancePlan instance : plan.instances()) {
      for (Conflict c : instance.conflicts()) {
        a.append("  ").append(style.red("conflict")).append(" ").append(who(c.key(), c.person())).append(" on ")
            .append(instance.instance()).append(": ").append(c.ids().size()).append(" live accounts have this key (ids ")
            .append(String.join(", ", c.ids())).append("); nothing is changed for it until one is left\n");
      }
    }
    for (InstancePlan instance : plan.instances()) {
      instance.warnings().forEach(w -> a.append("  ").append(style.yellow("warning")).append(" ")
          .append(instance.instance()).append(": ").append(w).append('\n'));
    }
    plan.changes().stream().filter(r -> r.renamedFrom() != null).forEach(r -> a.append("  ").append(style.yellow("rename"))
        .append(" ").append(r.renamedFrom()).append(" -> ").append(who(r.change())).append(" on ")
        .append(r.change().instance()).append(": the same account, its history kept\n"));
    plan.changes().stream().filter(PlannedChange::adminGrant).forEach(g -> a.append("  ").append(style.yellow("admin"))
        .append("  ").append(who(g.change())).append(" becomes an administrator on ").append(g.change().instance()).append('\n'));
    offboarding(a, plan, Action.SUSPEND, style.yellow("suspend"));
    offboarding(a, plan, Action.DELETE, style.red("delete"));
    if (a.length() > 0) {
      out.append(style.bold("Attention:")).append('\n').append(a).append('\n');
    }
  }

  private void offboarding(StringBuilder out, Plan plan, Action action, String label) {
    for (PlannedChange pc : plan.changes()) {
      Change c = pc.change();
      if (c.action() == action) {
        out.append("  ").append(label).append(" ").append(who(c)).append(" on ").append(c.instance())
            .append(c.reason() == null ? "" : " (" + c.reason() + ")").append('\n');
      }
    }
  }

  private void change(StringBuilder out, PlannedChange pc) {
    Change c = pc.change();
    String symbol = switch (c.action()) {
      case CREATE -> style.green("+");
      case UPDATE -> style.yellow("~");
      case SUSPEND -> style.yellow("!");
      case DELETE -> style.red("-");
    };
    out.append("  ").append(symbol).append(' ');
    out.append(grouping == Grouping.person ? c.instance() + ": " + c.key() : who(c));
    if (pc.renamedFrom() != null) {
      out.append(" (renamed from ").append(pc.renamedFrom()).append(')');
    }
    if (c.source() != null) {
      out.append(style.dim("  (" + c.source() + ")"));
    }
    if (c.reason() != null) {
      out.append(style.dim("  " + c.reason()));
    }
    out.append('\n');
    int width = c.fields().stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (FieldChange f : c.fields()) {
      out.append("      ").append(f.name()).append(':').append(" ".repeat(width - f.name().length())).append(' ');
      if (c.action() == Action.CREATE) {
        out.append(show(f.after(), f.sensitive()));
      } else {
        out.append(show(f.before(), f.sensitive())).append(" -> ").append(show(f.after(), f.sensitive()));
      }
      out.append('\n');
    }
    pc.notes().forEach(n -> out.append("      ").append(style.dim("note: " + n)).append('\n'));
  }

  private static String who(Change c) {
    return who(c.key(), c.person());
  }

  private static String who(String key, String person) {
    return person == null || person.equals(key) ? key : key + " (" + person + ")";
  }

  /** A value as JSON, {@code (sensitive)} for secrets, {@code (none)} for nothing. */
  static String show(Object v, boolean sensitive) {
    if (v == null) {
      return "(none)";
    }
    if (sensitive || v instanceof Secret) {
      return Secret.MASK;
    }
    if (Pii.MASK.equals(v)) {
      return Pii.MASK;
    }
    return Json.MAPPER.writeValueAsString(v);
  }
}
