package dev.roster.cli;

import dev.roster.plan.Scope;
import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestException;
import dev.roster.manifest.Problem;
import dev.roster.manifest.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --only} and {@code --person}: narrow a run to some instances or people. */
final class Selection {
  @Option(names = "--only", paramLabel = "INSTANCE", description = "Only this instance (repeatable).")
  List<String> instances = new ArrayList<>();

  @Option(names = "--person", paramLabel = "HANDLE", description = "Only this person's accounts (repeatable).")
  List<String> people = new ArrayList<>();

  Scope toScope() {
    return new Scope(new LinkedHashSet<>(instances), new LinkedHashSet<>(people));
  }

  /** A typo in --only or --person must not silently plan nothing. */
  void check(Manifest m) {
    List<Problem> problems = new ArrayList<>();
    for (String i : instances) {
      if (!m.instances().containsKey(i)) {
        String hint = Suggestion.didYouMean(i, m.instances().keySet());
        problems.add(new Problem(null, "--only " + i + ": no such instance"
            + (hint.isEmpty() ? " (declared: " + String.join(", ", m.instances().keySet()) + ")" : hint)));
      }
    }
    Set<String> handles = new LinkedHashSet<>();
    m.people().forEach(p -> handles.add(p.handle()));
    for (String p : people) {
      if (!handles.contains(p)) {
        problems.add(new Problem(null, "--person " + p + ": no such person in the files" + Suggestion.didYouMean(p, handles)));
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
  }
}
