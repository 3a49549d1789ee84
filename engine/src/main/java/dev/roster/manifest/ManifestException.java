package dev.roster.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** The files are wrong: every problem found, each at its place, so the user fixes them in one go. */
public class ManifestException extends RuntimeException {
  private final List<Problem> problems;

  public ManifestException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public ManifestException(Source source, String message) {
    this(List.of(new Problem(source, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
