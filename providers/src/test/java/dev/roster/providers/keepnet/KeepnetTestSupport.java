package dev.roster.providers.keepnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.spi.Json;
import dev.roster.http.RequestStats;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.FieldChange;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import dev.roster.testing.ServedSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds Keepnet providers the way the engine does, and checks request bodies against the spec's schemas. */
final class KeepnetTestSupport {
  private KeepnetTestSupport() {}

  /** {@code sandbox} served on a free port; env: its client id and secret, and ROSTER_SANDBOX, the server's root. */
  static ServedSandbox serve(KeepnetSandbox sandbox) throws IOException {
    return ServedSandbox.serve(sandbox).withRoot();
  }

  /** A roster.yaml's opening: instance phishing, the sandbox's Keepnet company; then {@code settings}, one a line. */
  static String phishing(String... settings) {
    StringBuilder yaml = new StringBuilder("""
        version: 1
        providers:
          phishing:
            type: keepnet
            url: ${env:ROSTER_SANDBOX}/keepnet
            clientId: ${env:KEEPNET_CLIENT_ID}
            clientSecret: ${env:KEEPNET_CLIENT_SECRET}
        """);
    for (String setting : settings) {
      yaml.append("    ").append(setting).append('\n');
    }
    return yaml.toString();
  }

  static InstanceConfig config(String url, String clientId, String secret, Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("url", url);
    values.put("clientId", clientId);
    values.put("clientSecret", new Secret("${env:KEEPNET_CLIENT_SECRET}", secret));
    values.putAll(extra);
    return new InstanceConfig("phishing", KeepnetFactory.TYPE, values);
  }

  static HttpClients http(boolean readOnly, RequestStats stats) {
    return new HttpClients(HttpSettings.defaults().withMaxAttempts(3, Duration.ofSeconds(5)), readOnly, stats, s -> {});
  }

  static Provider provider(InstanceConfig config, boolean readOnly, int concurrency, Clock clock) {
    return new KeepnetFactory().create(config, new ProviderContext(http(readOnly, new RequestStats()), concurrency), clock);
  }

  static Change create(String key, Map<String, Object> desired) {
    List<FieldChange> fields = new ArrayList<>();
    desired.forEach((k, v) -> fields.add(new FieldChange(k, null, v, false)));
    return new Change("phishing", KeepnetFactory.TYPE, "p", key, Action.CREATE, fields, desired, null, null, null);
  }

  static Change update(LiveAccount live, Map<String, Object> desired) {
    List<FieldChange> fields = new ArrayList<>();
    desired.forEach((k, v) -> {
      if (!java.util.Objects.equals(v, live.get(k))) {
        fields.add(new FieldChange(k, live.get(k), v, false));
      }
    });
    return new Change("phishing", KeepnetFactory.TYPE, "p", String.valueOf(live.get("email")), Action.UPDATE, fields,
        desired, live, null, null);
  }

  /** As the engine plans {@code ensure: suspended}: isActive from its live value to false, and nothing else. */
  static Change suspend(LiveAccount live) {
    return new Change("phishing", KeepnetFactory.TYPE, "p", String.valueOf(live.get("email")), Action.SUSPEND,
        List.of(new FieldChange("isActive", live.get("isActive"), false, false)), Map.of("isActive", false), live, null,
        "ensure: suspended");
  }

  /** As the engine plans a rename ({@code previously}): the live account under the new key. */
  static Change rename(LiveAccount live, Map<String, Object> desired) {
    Change update = update(live, desired);
    return new Change(update.instance(), update.provider(), update.person(), String.valueOf(desired.get("email")),
        Action.UPDATE, update.fields(), desired, live, null, null);
  }

  static Change delete(LiveAccount live) {
    return new Change("phishing", KeepnetFactory.TYPE, null, String.valueOf(live.get("email")), Action.DELETE, List.of(),
        Map.of(), live, null, "prune: no file declares this account");
  }

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** Fails unless {@code body} is valid against the named request schema (test resources, written from the spec). */
  static void assertMatchesSchema(String schemaName, String body) {
    Schema schema;
    try (InputStream in = KeepnetTestSupport.class.getResourceAsStream(schemaName)) {
      schema = REGISTRY.getSchema(Json.MAPPER.readTree(in));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    JsonNode node = Json.MAPPER.readTree(body);
    assertEquals(List.of(), schema.validate(node).stream().map(Object::toString).toList(), schemaName + ": " + body);
  }
}
