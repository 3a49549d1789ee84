package dev.roster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The keys every instance has, whatever its platform, read from its config (which the schema has
 * checked). The safety gates and {@code prune} are not here: they travel with a plan in its config.
 *
 * @param batchSize changes applied before a pause of {@code batchInterval}; {@link Integer#MAX_VALUE} for no pauses
 * @param state the state file of a platform that cannot be read; null when not given
 */
public record InstanceSettings(
    List<String> protect,
    int concurrency,
    double requestsPerSecond,
    Duration connectTimeout,
    Duration readTimeout,
    URI proxy,
    boolean insecureSkipTlsVerify,
    int batchSize,
    Duration batchInterval,
    String state) {

  public static final int DEFAULT_CONCURRENCY = 4;

  public static InstanceSettings of(Map<String, Object> c) {
    return new InstanceSettings(
        c.get("protect") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
        c.get("concurrency") instanceof Number n ? Math.max(1, n.intValue()) : DEFAULT_CONCURRENCY,
        number(c.get("requestsPerSecond"), 0),
        seconds(c.get("connectTimeoutSeconds"), 10),
        seconds(c.get("readTimeoutSeconds"), 20),
        c.get("proxy") instanceof String p ? URI.create(p) : null,
        Boolean.TRUE.equals(c.get("insecureSkipTlsVerify")),
        c.get("batchSize") instanceof Number n ? Math.max(1, n.intValue()) : Integer.MAX_VALUE,
        seconds(c.get("batchIntervalSeconds"), 0),
        c.get("state") instanceof String s && !s.isBlank() ? s : null);
  }

  private static double number(Object value, double fallback) {
    return value instanceof Number n ? n.doubleValue() : fallback;
  }

  private static Duration seconds(Object value, double fallback) {
    return Duration.ofMillis((long) (number(value, fallback) * 1000));
  }
}
