package dev.roster.output;

import dev.roster.http.Json;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.FieldChange;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Skipped;
import dev.roster.spi.Secret;
import java.util.List;

/** The plan as Terraform-like text: {@code +} create, {@code ~} update, {@code -} delete. */
public final class TextRenderer {
  private final Style style;

  public TextRenderer(Style style) {
    this.style = style;
  }

  public String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    attention(out, plan);
    for (InstancePlan instance : plan.instances()) {
      out.append(style.bold(instance.instance() + " (" + instance.provider() + ")")).append(": ")
          .append(counts(instance.count(Action.CREATE), instance.count(Action.UPDATE), instance.count(Action.DELETE),
              instance.unchanged()))
          .append('\n');
      instance.notes().forEach(n -> out.append("  ").append(style.dim("note: " + n)).append('\n'));
      for (PlannedChange pc : instance.changes()) {
        change(out, pc);
      }
      for (Skipped s : instance.skipped()) {
        out.append("  ").append(style.yellow("!")).append(" skipped ").append(who(s.key(), s.person()))
            .append(": ").append(s.reason()).append('\n');
      }
      if (!instance.unmanaged().isEmpty()) {
        out.append("  ").append(style.yellow("!")).append(' ').append(instance.unmanaged().size())
            .append(" live account(s) no file declares, kept because prune is off: ")
            .append(abbreviate(instance.unmanaged())).append('\n');
      }
      out.append('\n');
    }
    if (plan.isEmpty()) {
      out.append(style.green("No changes.")).append(" The platforms match the files.\n");
    } else {
      out.append(style.bold("Plan: ")).append(counts(plan.count(Action.CREATE), plan.count(Action.UPDATE),
          plan.count(Action.DELETE), plan.unchanged())).append(".\n");
    }
    return out.toString();
  }

  private void change(StringBuilder out, PlannedChange pc) {
    Change c = pc.change();
    String symbol = switch (c.action()) {
      case CREATE -> style.green("+");
      case UPDATE -> style.yellow("~");
      case DELETE -> style.red("-");
    };
    String where = c.source() != null ? c.source().fileLine() : "";
    String head = "  " + symbol + " " + who(c.key(), c.person());
    out.append(head);
    if (!where.isEmpty()) {
      out.append(style.dim("  (" + where + ")"));
    }
    if (c.reason() != null) {
      out.append(style.dim("  " + c.reason()));
    }
    out.append('\n');
    int width = c.fields().stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (FieldChange f : c.fields()) {
      out.append("      ").append(pad(f.name() + ":", width + 1)).append(' ');
      if (c.action() == Action.CREATE) {
        out.append(value(f.after(), f.sensitive()));
      } else {
        out.append(value(f.before(), f.sensitive())).append(" -> ").append(value(f.after(), f.sensitive()));
      }
      out.append('\n');
    }
    pc.notes().forEach(n -> out.append("      ").append(style.dim("note: " + n)).append('\n'));
  }

  /** What a reviewer must not miss, first: admin grants and deletions. */
  private void attention(StringBuilder out, Plan plan) {
    List<PlannedChange> grants = plan.changes().stream().filter(PlannedChange::adminGrant).toList();
    List<PlannedChange> deletes = plan.changes().stream().filter(c -> c.change().action() == Action.DELETE).toList();
    if (grants.isEmpty() && deletes.isEmpty()) {
      return;
    }
    out.append(style.bold("Attention:")).append('\n');
    for (PlannedChange g : grants) {
      out.append("  ").append(style.yellow("admin")).append("  ").append(who(g.change().key(), g.change().person()))
          .append(" becomes an administrator on ").append(g.change().instance()).append('\n');
    }
    for (PlannedChange d : deletes) {
      out.append("  ").append(style.red("delete")).append(" ").append(who(d.change().key(), d.change().person()))
          .append(" on ").append(d.change().instance()).append(d.change().reason() == null ? "" : " (" + d.change().reason() + ")")
          .append('\n');
    }
    out.append('\n');
  }

  static String who(String key, String person) {
    return person == null || person.equals(key) ? key : key + " (" + person + ")";
  }

  static String value(Object v, boolean sensitive) {
    if (v == null) {
      return "(none)";
    }
    if (sensitive || v instanceof Secret) {
      return Secret.MASK;
    }
    return Json.MAPPER.writeValueAsString(v);
  }

  static String counts(long create, long update, long delete, long unchanged) {
    return create + " to create, " + update + " to update, " + delete + " to delete, " + unchanged + " unchanged";
  }

  private static String abbreviate(List<String> keys) {
    return keys.size() <= 10 ? String.join(", ", keys)
        : String.join(", ", keys.subList(0, 10)) + " and " + (keys.size() - 10) + " more";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
