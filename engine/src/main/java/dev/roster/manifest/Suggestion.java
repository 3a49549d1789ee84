package dev.roster.manifest;

import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The valid word closest to a mistyped one, when it is close enough to be what was meant. */
public final class Suggestion {
  private Suggestion() {}

  /**
   * The candidate at the smallest edit distance from {@code word}, if that distance is at most 2, or
   * at most a third of the word's length, or 1 for a word of up to 3 characters; else null. Ties go
   * to the first candidate.
   */
  public static String closest(String word, Collection<String> candidates) {
    int limit = word.length() <= 3 ? 1 : Math.max(2, word.length() / 3);
    LevenshteinDistance distance = new LevenshteinDistance(limit);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance.apply(word, candidate); // -1 when beyond the limit
      if (d > 0 && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** {@code ": did you mean 'x'?"} for the closest candidate, or nothing. */
  public static String didYouMean(String word, Collection<String> candidates) {
    String best = closest(word, candidates);
    return best == null ? "" : ": did you mean '" + best + "'?";
  }
}
