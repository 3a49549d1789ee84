package dev.roster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Checks a load's problems, in order, by where each starts and a part of what it says. */
final class ProblemAssertions {
  private ProblemAssertions() {}

  /** @param placeThenText for each problem in turn, the start of its place ("file:line:") and some of its text */
  static void assertProblems(List<String> problems, String... placeThenText) {
    assertEquals(placeThenText.length / 2, problems.size(), String.join("\n", problems));
    for (int i = 0; i < problems.size(); i++) {
      String problem = problems.get(i);
      assertTrue(problem.startsWith(placeThenText[2 * i]) && problem.contains(placeThenText[2 * i + 1]),
          "problem " + (i + 1) + ": " + problem);
    }
  }
}
