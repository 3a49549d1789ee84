package dev.roster.cli;

import dev.roster.Instances;
import dev.roster.ReadFailure;
import dev.roster.spi.Declared;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.manifest.Problem;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Print an instance's live accounts as manifest YAML (secrets left out).",
        "Save it next to the manifest: 'roster plan' on both then shows no changes for that instance."},
    footer = {"", "Examples:", "  roster import tracker > roster/tracker-people.yaml"})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;
  @Mixin ManifestOptions manifest;

  @Parameters(paramLabel = "INSTANCE", description = "An instance declared under 'providers:'.")
  String instance;

  @Option(names = {"-v", "--verbose"}, description = "Log every request: method, URL, status, time.")
  boolean verbose;

  @Override
  public Integer call() {
    Session session = root.session;
    Manifest m;
    try {
      m = session.load(manifest.files);
      if (!m.instances().containsKey(instance)) {
        throw new ManifestException(List.of(new Problem(null, "no instance '" + instance + "' (declared: "
            + String.join(", ", m.instances().keySet()) + ")")));
      }
    } catch (ManifestException e) {
      return session.report(e);
    }
    Manifest.Instance in = m.instances().get(instance);
    AccountModel model = session.factories.get(in.type()).model();
    List<LiveAccount> live;
    try (Instances instances = session.instances(verbose)) {
      Provider provider = instances.provider(in.name(), in.type(), in.config(), true);
      live = instances.read(in.name(), provider, Declared.none());
    } catch (ReadFailure e) {
      session.env.err().println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    Map<String, Object> users = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    m.people().forEach(p -> taken.add(p.handle()));
    int skipped = 0;
    for (LiveAccount account : live) {
      if (account.readOnlyReason() != null) {
        skipped++;
        continue;
      }
      Map<String, Object> attributes = new LinkedHashMap<>();
      account.attributes().forEach((k, v) -> {
        Attribute a = model.attribute(k);
        if (v != null && !a.writeOnly() && !a.sensitive()) {
          attributes.put(k, v);
        }
      });
      String handle = handle(String.valueOf(account.get(model.keyAttribute())), taken);
      users.put(handle, Map.of("accounts", Map.of(instance, attributes)));
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 1);
    doc.put("users", users);
    session.env.out().println("# " + live.size() + " live accounts of '" + instance + "' (" + in.type() + ")"
        + (skipped > 0 ? "; " + skipped + " left out because Roster may not change them" : "")
        + ". Secrets are never imported.");
    session.env.out().print(new Yaml(options).dump(doc));
    return ExitCodes.OK;
  }

  /** A handle from an account key: the part before '@', in the characters a handle allows, made unique. */
  static String handle(String key, Set<String> taken) {
    String base = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
    base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
    if (base.isEmpty()) {
      base = "user";
    }
    base = base.length() > 60 ? base.substring(0, 60) : base;
    String handle = base;
    for (int i = 2; !taken.add(handle); i++) {
      handle = base + "-" + i;
    }
    return handle;
  }
}
