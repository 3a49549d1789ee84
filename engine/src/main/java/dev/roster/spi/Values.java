package dev.roster.spi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Equality and fingerprints of JSON-like values (String, Number, Boolean, Map, List, Secret). */
public final class Values {
  private Values() {}

  /** Equal as JSON: numbers by value, secrets by their value, maps ignoring key order. */
  public static boolean equal(Object a, Object b) {
    return java.util.Objects.equals(canonical(a), canonical(b));
  }

  public static boolean equalIgnoringCase(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    return plain(a).toString().equalsIgnoreCase(plain(b).toString());
  }

  /** Lists with the same elements in any order. */
  public static boolean equalUnordered(Object a, Object b) {
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return sortedJson(x).equals(sortedJson(y));
    }
    return equal(a, b);
  }

  private static List<String> sortedJson(List<?> values) {
    return values.stream().map(v -> Json.MAPPER.writeValueAsString(canonical(v))).sorted().toList();
  }

  /** The value with secrets revealed, numbers normalised and maps sorted: for comparing only. */
  static Object canonical(Object v) {
    Object p = plain(v);
    if (p instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (p instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, val) -> sorted.put(String.valueOf(k), canonical(val)));
      return sorted;
    }
    if (p instanceof List<?> l) {
      return l.stream().map(Values::canonical).toList();
    }
    return p;
  }

  private static Object plain(Object v) {
    return v instanceof Secret s ? s.reveal() : v;
  }

  /** Lower-cased for case-insensitive keys. */
  public static String keyOf(Object key, boolean caseInsensitive) {
    String k = plain(key).toString();
    return caseInsensitive ? k.toLowerCase(Locale.ROOT) : k;
  }

  /**
   * A digest of a live account as read: {@code apply PLANFILE} compares it to refuse entries whose
   * account changed since the plan. Secrets never reach live accounts, so this reveals nothing.
   */
  public static String fingerprint(String id, Map<String, Object> attributes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String text = id + "\n" + Json.MAPPER.writeValueAsString(canonical(attributes));
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
