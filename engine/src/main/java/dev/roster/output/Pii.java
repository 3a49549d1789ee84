package dev.roster.output;

import dev.roster.plan.Conflict;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannedChange;
import dev.roster.plan.Skipped;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --redact-pii}: masks names, e-mail addresses and phone numbers in plans meant for public
 * pull requests. Handles and instance names stay: they are what the files are written in.
 * {@link #redact(Plan)} masks them wherever a plan holds them, so every format shows the same.
 */
public final class Pii {
  private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{6,}[0-9]");
  public static final String MASK = "(redacted)";

  private final boolean on;

  public Pii(boolean on) {
    this.on = on;
  }

  public static Pii off() {
    return new Pii(false);
  }

  public boolean on() {
    return on;
  }

  /** A key or free text: e-mails keep their first letter and domain, phone numbers go. */
  public String text(String s) {
    if (!on || s == null) {
      return s;
    }
    return PHONE.matcher(EMAIL.matcher(s).replaceAll("$1…@$2")).replaceAll(MASK);
  }

  /**
   * An attribute's value: whole values of name, phone and mobile attributes go; e-mails and phone
   * numbers in other text are masked as {@link #text} does; objects and lists are masked member by
   * member, each by its own name (a {@code contacts} object's {@code mobilePhone} goes whole).
   */
  public Object value(String attribute, Object value) {
    if (!on || value == null) {
      return value;
    }
    String a = attribute.toLowerCase(Locale.ROOT);
    if (a.contains("name") || a.contains("phone") || a.contains("mobile")) {
      return MASK;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), value(String.valueOf(k), v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(v -> value(attribute, v)).toList();
    }
    return value instanceof String s ? text(s) : value;
  }

  /** The plan with personal data masked wherever it appears; the plan itself when redaction is off. */
  public Plan redact(Plan plan) {
    if (!on) {
      return plan;
    }
    return new Plan(plan.instances().stream().map(this::redact).toList(), plan.scope());
  }

  private InstancePlan redact(InstancePlan i) {
    // the config travels with a saved plan for its gates; its protect list names accounts, often by e-mail
    Map<String, Object> config = new LinkedHashMap<>(i.config());
    config.computeIfPresent("protect", (k, keys) -> keys instanceof List<?> l ? l.stream().map(p -> text(String.valueOf(p))).toList() : keys);
    return new InstancePlan(i.instance(), i.provider(), config,
        i.changes().stream().map(this::redact).toList(), i.unchanged(), i.liveAccounts(),
        i.unmanaged().stream().map(this::text).toList(),
        i.skipped().stream().map(s -> new Skipped(text(s.key()), s.person(), text(s.reason()))).toList(),
        i.conflicts().stream().map(c -> new Conflict(text(c.key()), c.person(), c.ids())).toList(),
        i.warnings().stream().map(this::text).toList(), i.pending().stream().map(this::text).toList(),
        i.notes().stream().map(this::text).toList());
  }

  private PlannedChange redact(PlannedChange pc) {
    Change c = pc.change();
    List<FieldChange> fields = c.fields().stream().map(f -> new FieldChange(f.name(),
        f.sensitive() ? f.before() : value(f.name(), f.before()), f.sensitive() ? f.after() : value(f.name(), f.after()),
        f.sensitive())).toList();
    Map<String, Object> desired = new LinkedHashMap<>();
    c.desired().forEach((k, v) -> desired.put(k, value(k, v)));
    Change redacted = new Change(c.instance(), c.provider(), c.person(), text(c.key()), c.action(), fields, desired,
        c.live(), c.source(), text(c.reason()));
    return new PlannedChange(redacted, pc.notes().stream().map(this::text).toList(), pc.fingerprint(), pc.adminGrant(),
        pc.renamedFrom() == null ? null : text(pc.renamedFrom()));
  }
}
