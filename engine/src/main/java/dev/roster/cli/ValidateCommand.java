package dev.roster.cli;

import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.manifest.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check the manifest: syntax, schema, references and cross-file rules. Sends no request.",
    footer = {"", "Examples:", "  roster validate", "  roster validate -f people/ -f platforms.yaml"})
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;
  @Mixin ManifestOptions manifest;

  @Option(names = {"-v", "--verbose"}, description = "Under a YAML syntax error, also print the parser's own words.")
  boolean verbose;

  @Override
  public Integer call() {
    Session session = root.session;
    // validate needs no secrets: a missing variable or file is a warning; plan and apply refuse it
    List<Problem> warnings = new ArrayList<>();
    try {
      Manifest m = session.load(manifest.files, warnings);
      printWarnings(warnings);
      long accounts = m.people().stream().mapToLong(p -> p.accounts().size()).sum();
      session.env.out().println("Valid: " + count(m.people().size(), "person", "people") + ", "
          + count(accounts, "account", "accounts") + " on " + count(m.instances().size(), "instance", "instances") + ".");
      return ExitCodes.OK;
    } catch (ManifestException e) {
      printWarnings(warnings);
      return session.report(e, verbose);
    }
  }

  private void printWarnings(List<Problem> warnings) {
    warnings.forEach(w -> root.session.env.err().println(w.source() + ": warning: " + w.message()));
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
