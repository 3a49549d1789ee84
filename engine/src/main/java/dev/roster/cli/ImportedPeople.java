package dev.roster.cli;

import dev.roster.manifest.Manifest;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.ProviderFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Live accounts joined into people, as manifest YAML: what {@code roster import} writes. An account
 * with an e-mail joins the person with that e-mail (ignoring case); one without joins the person
 * whose handle is its key (a login). People the files declare keep their handles, and accounts the
 * files declare are left out: the output is what the files are missing.
 */
final class ImportedPeople {
  /** One person of the output; {@code declaredAt} is where the files declare them, or null for a new one. */
  private static final class Person {
    final String handle;
    final String declaredAt;
    String email;
    String name;
    final Map<String, Map<String, Object>> accounts = new LinkedHashMap<>();
    final Map<String, String> joinedBy = new LinkedHashMap<>();

    Person(String handle, String declaredAt) {
      this.handle = handle;
      this.declaredAt = declaredAt;
    }
  }

  /** Each instance's account model, by instance name. */
  private final Map<String, AccountModel> models = new HashMap<>();
  private final Map<String, Person> people = new LinkedHashMap<>();
  private final Map<String, String> handleByEmail = new HashMap<>();
  private final Map<String, String> declaredAt = new HashMap<>();
  private final Map<String, Set<String>> declaredKeys = new HashMap<>();
  private final Set<String> taken = new HashSet<>();
  private int accounts;
  private int leftOut;

  ImportedPeople(Manifest manifest, Map<String, ProviderFactory> factories) {
    manifest.instances().values().forEach(i -> models.put(i.name(), factories.get(i.type()).model()));
    for (Manifest.DeclaredPerson p : manifest.people()) {
      taken.add(p.handle());
      declaredAt.put(p.handle(), p.source().fileLine());
      if (p.email() != null) {
        handleByEmail.put(p.email().toLowerCase(Locale.ROOT), p.handle());
      }
      for (Manifest.DeclaredAccount a : p.accounts()) {
        AccountModel model = models.get(a.instance());
        Object key = a.attributes().get(model.keyAttribute());
        if (key != null) {
          declaredKeys.computeIfAbsent(a.instance(), k -> new HashSet<>()).add(model.keyOf(key));
        }
      }
    }
  }

  /** One live account to join in, with the attributes Roster may write (no secrets). */
  private record Found(String instance, Object key, Map<String, Object> attributes, boolean pending) {
    String email() {
      return attributes.get("email") instanceof String e && !e.isBlank() ? e : null;
    }
  }

  /**
   * Joins every instance's live accounts in, those with an e-mail first, so that an account joined by
   * login finds the person its e-mail-keyed accounts made; read-only accounts and those the files
   * declare are left out.
   */
  void add(List<String> instances, List<List<LiveAccount>> live) {
    List<Found> found = new java.util.ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      String instance = instances.get(i);
      AccountModel model = models.get(instance);
      for (LiveAccount account : live.get(i)) {
        Object key = account.get(model.keyAttribute());
        if (key == null || account.readOnlyReason() != null
            || declaredKeys.getOrDefault(instance, Set.of()).contains(model.keyOf(key))) {
          leftOut++;
          continue;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        account.attributes().forEach((name, value) -> {
          Attribute a = model.attribute(name);
          if (value != null && !a.writeOnly() && !a.sensitive()) {
            attributes.put(name, value);
          }
        });
        found.add(new Found(instance, key, attributes, account.pending()));
      }
    }
    found.stream().filter(f -> f.email() != null).forEach(this::join);
    found.stream().filter(f -> f.email() == null).forEach(this::join);
  }

  private void join(Found found) {
    Person person;
    String how;
    String email = found.email();
    if (email != null) {
      String known = handleByEmail.get(email.toLowerCase(Locale.ROOT));
      person = known != null ? person(known) : person(handle(email.substring(0, Math.max(0, email.indexOf('@')))));
      handleByEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), person.handle);
      how = (known != null ? "joined by e-mail " : "a new person, by e-mail ") + email;
      if (person.email == null && person.declaredAt == null) {
        person.email = email;
      }
    } else {
      String login = String.valueOf(found.key());
      boolean known = people.containsKey(login) || declaredAt.containsKey(login);
      person = known ? person(login) : person(handle(login));
      how = known ? "joined by login " + login + ", the person's handle" : "a new person, by login " + login;
    }
    if (person.name == null && person.declaredAt == null && found.attributes().get("name") instanceof String name) {
      person.name = name;
    }
    person.accounts.put(found.instance(), found.attributes());
    // an invitation not accepted yet is still an account: declaring it sends nothing again
    person.joinedBy.put(found.instance(), found.pending() ? how + "; invitation pending" : how);
    accounts++;
  }

  private Person person(String handle) {
    return people.computeIfAbsent(handle, h -> new Person(h, declaredAt.get(h)));
  }

  /** A new handle: lower case, in the characters a handle allows, unique among the files' and the output's. */
  private String handle(String from) {
    String base = from.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    base = base.isEmpty() ? "user" : base.length() > 60 ? base.substring(0, 60) : base;
    String handle = base;
    for (int i = 2; !taken.add(handle); i++) {
      handle = base + "-" + i;
    }
    return handle;
  }

  /** The manifest file: new people in full; accounts of people the files declare, as comments to move there. */
  String yaml(List<String> instances) {
    StringBuilder out = new StringBuilder();
    long newPeople = people.values().stream().filter(p -> p.declaredAt == null).count();
    out.append("# 'roster import' of ").append(String.join(", ", instances)).append(": ").append(accounts)
        .append(" account(s) the files do not declare, ").append(newPeople).append(" new person(s)")
        .append(leftOut > 0 ? "; " + leftOut + " left out (declared already, or Roster may not change them)" : "")
        .append(". Secrets are never imported.\n");
    out.append("version: 1\nusers:");
    out.append(newPeople == 0 ? " {}\n" : "\n");
    for (Person p : people.values()) {
      if (p.declaredAt != null) {
        continue;
      }
      out.append("  ").append(flow(p.handle)).append(":\n");
      if (p.email != null) {
        out.append("    email: ").append(flow(p.email)).append('\n');
      }
      if (p.name != null) {
        out.append("    name: ").append(flow(p.name)).append('\n');
      }
      out.append("    accounts:\n");
      accountLines(out, "      ", p);
    }
    for (Person p : people.values()) {
      if (p.declaredAt != null) {
        out.append("# ").append(p.handle).append(" is declared at ").append(p.declaredAt)
            .append(": add these under their accounts there\n");
        accountLines(out, "#   ", p);
      }
    }
    return out.toString();
  }

  /** A person's accounts, one a line after {@code indent}, each with how it was joined. */
  private static void accountLines(StringBuilder out, String indent, Person p) {
    p.accounts.forEach((instance, attributes) -> out.append(indent).append(flow(instance)).append(": ")
        .append(flow(attributes)).append("   # ").append(p.joinedBy.get(instance)).append('\n'));
  }

  private static final Yaml FLOW = flowYaml();

  private static Yaml flowYaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(options);
  }

  /** A value as YAML on one line, quoted where YAML needs it. */
  private static String flow(Object value) {
    return FLOW.dump(value).strip();
  }
}
