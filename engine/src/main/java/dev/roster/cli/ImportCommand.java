package dev.roster.cli;

import dev.roster.Instances;
import dev.roster.ReadFailure;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.manifest.Problem;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Redactor;
import dev.roster.state.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Write the live accounts the files do not declare as people in manifest YAML (secrets left out).",
        "Accounts are joined into people by e-mail (ignoring case); an account keyed by a login joins the person",
        "whose handle it is. With no INSTANCE, every instance that can be read. The files plus the output plan no changes."},
    footer = {"", "Examples:", "  roster import --out roster/imported.yaml      # every readable instance",
        "  roster import tracker support --out roster/imported.yaml", "  roster import tracker                         # to standard output"})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;
  @Mixin ManifestOptions manifest;

  @Parameters(arity = "0..*", paramLabel = "INSTANCE", description = "Instances declared under 'providers:' (default: every readable one).")
  List<String> only = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the YAML here, once every instance is read (atomically).")
  Path out;

  @Option(names = {"-v", "--verbose"}, description = "Log every request: method, URL, status, time.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    Session session = root.session;
    Manifest m;
    List<String> names;
    try {
      m = session.load(manifest.files);
      names = instances(session, m);
      refuseOutInsideTheFiles(session);
    } catch (ManifestException e) {
      return session.report(e, false);
    }
    ImportedPeople people = new ImportedPeople(m, session.factories);
    try (Instances instances = session.instances(verbose)) {
      List<Supplier<List<LiveAccount>>> reads = new ArrayList<>();
      for (String name : names) {
        Manifest.Instance in = m.instances().get(name);
        reads.add(() -> instances.read(name, instances.provider(name, in.type(), in.config(), true), Declared.none()));
      }
      people.add(names, instances.inParallel(reads));
    } catch (ReadFailure e) {
      session.env.err().println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    String yaml = people.yaml(names);
    if (out == null) {
      session.env.out().print(yaml);
    } else {
      AtomicWrite.replace(session.env.workingDir().resolve(out),
          Redactor.redact(yaml).getBytes(StandardCharsets.UTF_8));
      session.env.err().println("Wrote " + out + ": 'roster plan' with it shows no changes for " + String.join(", ", names) + ".");
    }
    return ExitCodes.OK;
  }

  /** The instances named, or every one that can be read. */
  private List<String> instances(Session session, Manifest m) {
    List<Problem> problems = new ArrayList<>();
    for (String name : only) {
      Manifest.Instance in = m.instances().get(name);
      if (in == null) {
        problems.add(new Problem(null, "no instance '" + name + "' (declared: " + String.join(", ", m.instances().keySet()) + ")"));
      } else if (!session.factories.get(in.type()).readable()) {
        problems.add(new Problem(null, "'" + name + "' (" + in.type() + ") cannot be read, so there is nothing to import"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    return !only.isEmpty() ? List.copyOf(only) : m.instances().values().stream()
        .filter(i -> session.factories.get(i.type()).readable()).map(Manifest.Instance::name).toList();
  }

  /** A file that exists among those read would be read again, half-written: only a new one may go there. */
  private void refuseOutInsideTheFiles(Session session) {
    if (out == null) {
      return;
    }
    Path target = session.env.workingDir().resolve(out).toAbsolutePath().normalize();
    if (Files.exists(target) && session.manifestFiles(manifest.files).stream()
        .anyMatch(f -> f.toAbsolutePath().normalize().equals(target))) {
      throw new ManifestException(List.of(new Problem(null, "--out " + out + " is one of the files being read: "
          + "give a new file (a new one in the directory is read with the others next time)")));
    }
  }
}
