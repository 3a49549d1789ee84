package dev.roster.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One instance's config as the manifest gives it, schema-checked, with {@code ${env:…}} and
 * {@code ${file:…}} references resolved to {@link Secret}s.
 */
public record InstanceConfig(String name, String type, Map<String, Object> values) {

  public InstanceConfig {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public String string(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    return v instanceof Secret s ? s.reveal() : v.toString();
  }

  /** A credential: a {@link Secret} when it came from a reference, wrapped when written inline. */
  public Secret secret(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    return v instanceof Secret s ? s : new Secret("(inline)", v.toString());
  }

  public long number(String key, long fallback) {
    Object v = values.get(key);
    return v instanceof Number n ? n.longValue() : fallback;
  }

  /** The base URL without a trailing slash. */
  public String url(String fallback) {
    String u = Optional.ofNullable(string("url")).orElse(fallback);
    return u == null ? null : u.replaceAll("/+$", "");
  }
}
