package dev.roster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The keys every instance has, whatever its platform, read once from the instance's config (which
 * the schema has checked).
 *
 * @param batchSize changes applied before a pause of {@code batchInterval}; {@link Integer#MAX_VALUE} for no pauses
 * @param maxDeletes null for no limit
 * @param maxDeletePercent of the live accounts, once an instance has {@link #MIN_ACCOUNTS_FOR_PERCENT}
 * @param state the state file of a platform that cannot be read; null when not given
 */
public record InstanceSettings(
    boolean prune,
    List<String> protect,
    int concurrency,
    double requestsPerSecond,
    Duration connectTimeout,
    Duration readTimeout,
    URI proxy,
    boolean insecureSkipTlsVerify,
    int batchSize,
    Duration batchInterval,
    Long maxDeletes,
    double maxDeletePercent,
    Long maxAdminGrants,
    String state) {

  public static final int DEFAULT_CONCURRENCY = 4;
  /** octoDNS's default: at most 30% of an instance's accounts deleted by one plan. */
  public static final double DEFAULT_MAX_DELETE_PERCENT = 30;
  public static final int MIN_ACCOUNTS_FOR_PERCENT = 10;

  /** @param safety the top-level {@code safety:} block: gates the instance does not set itself */
  public static InstanceSettings of(Map<String, Object> config, Map<String, Object> safety) {
    Map<String, Object> c = new java.util.HashMap<>(safety);
    c.putAll(config);
    return new InstanceSettings(
        Boolean.TRUE.equals(c.get("prune")),
        c.get("protect") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
        c.get("concurrency") instanceof Number n ? Math.max(1, n.intValue()) : DEFAULT_CONCURRENCY,
        number(c.get("requestsPerSecond"), 0),
        seconds(c.get("connectTimeoutSeconds"), 10),
        seconds(c.get("readTimeoutSeconds"), 20),
        c.get("proxy") instanceof String p ? URI.create(p) : null,
        Boolean.TRUE.equals(c.get("insecureSkipTlsVerify")),
        c.get("batchSize") instanceof Number n ? Math.max(1, n.intValue()) : Integer.MAX_VALUE,
        seconds(c.get("batchIntervalSeconds"), 0),
        c.get("maxDeletes") instanceof Number n ? n.longValue() : null,
        number(c.get("maxDeletePercent"), DEFAULT_MAX_DELETE_PERCENT),
        c.get("maxAdminGrants") instanceof Number n ? n.longValue() : null,
        c.get("state") instanceof String s && !s.isBlank() ? s : null);
  }

  public static InstanceSettings of(Map<String, Object> config) {
    return of(config, Map.of());
  }

  private static double number(Object value, double fallback) {
    return value instanceof Number n ? n.doubleValue() : fallback;
  }

  private static Duration seconds(Object value, double fallback) {
    return Duration.ofMillis((long) (number(value, fallback) * 1000));
  }
}
