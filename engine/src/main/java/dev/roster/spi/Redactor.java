package dev.roster.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last line of defence: every secret value resolved in this process is remembered, and
 * {@link #redact} masks any of them in text about to leave it (output, logs, files), whatever path
 * the value took to get there (a token inside a URL in an error message, say).
 */
public final class Redactor {
  /** Shorter values would mask ordinary words; such secrets are refused elsewhere anyway. */
  private static final int MIN_LENGTH = 4;
  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

  private Redactor() {}

  static void register(String value) {
    if (value != null && value.length() >= MIN_LENGTH) {
      VALUES.add(value);
    }
  }

  public static String redact(String text) {
    if (text == null || VALUES.isEmpty()) {
      return text;
    }
    String out = text;
    // longest first, so a secret that contains another is masked whole
    List<String> values = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, Secret.MASK);
      }
    }
    return out;
  }
}
