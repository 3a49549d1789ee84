package dev.roster.providers.chatwoot;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestStats;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.FieldChange;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Json;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import dev.roster.spi.Values;
import dev.roster.testing.ServedSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds Chatwoot providers the way the engine does, Changes the way the differ does, and checks bodies against schemas. */
final class ChatwootTestSupport {
  static final String API_TOKEN = "app-tok-5f3a9c";
  static final String PLATFORM_TOKEN = "plat-tok-81d2e4";

  private ChatwootTestSupport() {}

  /** {@code sandbox} served on a free port; env: its tokens, and URL, its Chatwoot base url. */
  static ServedSandbox serve(ChatwootSandbox sandbox) throws IOException {
    ServedSandbox served = ServedSandbox.serve(sandbox);
    return served.with("URL", served.server().url("chatwoot"));
  }

  /** A roster.yaml's opening: its version, and {@code instances} (from {@link #support} and {@link #konverte}). */
  static String providers(String... instances) {
    return "version: 1\nproviders:\n" + String.join("", instances);
  }

  /** Instance support: the sandbox's Chatwoot account (1), with a Platform App token; then {@code settings}, one a line. */
  static String support(String... settings) {
    return instance("""
          support:
            type: chatwoot
            url: "${env:URL}"
            accountId: 1
            apiToken: "${env:CHATWOOT_API_TOKEN}"
            platformToken: "${env:CHATWOOT_PLATFORM_TOKEN}"
        """, settings);
  }

  /** Instance konverte: the sandbox's Konverte Digital account (2), without a platform token; then {@code settings}. */
  static String konverte(String... settings) {
    return instance("""
          konverte:
            type: chatwoot
            url: "${env:URL}"
            accountId: 2
            apiToken: "${env:KONVERTE_API_TOKEN}"
        """, settings);
  }

  private static String instance(String block, String... settings) {
    StringBuilder yaml = new StringBuilder(block);
    for (String setting : settings) {
      yaml.append("    ").append(setting).append('\n');
    }
    return yaml.toString();
  }

  /** {@code method path} sent to the sandbox's Chatwoot on {@code server}, as a JSON body, with {@code token} unless null. */
  static HttpResponse<String> call(SandboxServer server, String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("chatwoot") + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("api_access_token", token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static InstanceConfig config(String url, long accountId, String apiToken, String platformToken) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("url", url);
    values.put("accountId", accountId);
    values.put("apiToken", new Secret("${env:CHATWOOT_API_TOKEN}", apiToken));
    if (platformToken != null) {
      values.put("platformToken", new Secret("${env:CHATWOOT_PLATFORM_TOKEN}", platformToken));
    }
    return new InstanceConfig("support", ChatwootFactory.TYPE, values);
  }

  static Provider provider(InstanceConfig config, boolean readOnly) {
    return provider(config, readOnly, 4);
  }

  static Provider provider(InstanceConfig config, boolean readOnly, int concurrency) {
    HttpClients http = new HttpClients(HttpSettings.defaults().withMaxAttempts(2, Duration.ofSeconds(1)), readOnly,
        new RequestStats(), s -> {});
    return new ChatwootFactory().create(config, new ProviderContext(http, concurrency));
  }

  static Change create(String email, Map<String, Object> desired) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("email", email);
    all.putAll(desired);
    List<FieldChange> fields = new ArrayList<>();
    all.forEach((k, v) -> fields.add(new FieldChange(k, null, v, v instanceof Secret)));
    return new Change("support", ChatwootFactory.TYPE, "p", email, Action.CREATE, fields, all, null, null, null);
  }

  /** An update as the differ builds it: the declared attributes, and a field for each that differs from live. */
  static Change update(LiveAccount live, Map<String, Object> desired) {
    List<FieldChange> fields = new ArrayList<>();
    desired.forEach((k, v) -> {
      if (!(v instanceof Secret) && !Values.equal(v, live.get(k))) {
        fields.add(new FieldChange(k, live.get(k), v, false));
      }
    });
    return new Change("support", ChatwootFactory.TYPE, "p", String.valueOf(live.get("email")), Action.UPDATE, fields,
        desired, live, null, null);
  }

  static Change delete(LiveAccount live) {
    return new Change("support", ChatwootFactory.TYPE, null, String.valueOf(live.get("email")), Action.DELETE, List.of(),
        Map.of(), live, null, "prune: no file declares this account");
  }

  /** What the planner passes when each of these accounts sets these attributes. */
  static Declared declared(List<String> attributes, String... emails) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String email : emails) {
      byKey.put(email, attributes);
    }
    return Declared.of(ChatwootFactory.MODEL, byKey);
  }

  static LiveAccount live(String id, Map<String, Object> attributes) {
    return new LiveAccount(id, attributes);
  }

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** Fails unless {@code body} is valid against the named request schema (test resources, written from the spec). */
  static void assertMatchesSchema(String schemaName, String body) {
    Schema schema;
    try (InputStream in = ChatwootTestSupport.class.getResourceAsStream(schemaName)) {
      schema = REGISTRY.getSchema(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode node = Json.MAPPER.readTree(body);
    assertEquals(List.of(), schema.validate(node).stream().map(Object::toString).toList(), schemaName + ": " + body);
  }


  /**
   * Fails unless every body {@code wm} received matches the request schema of its endpoint, and no
   * request with a body went to an endpoint no schema covers: what a wire test checks after each test.
   */
  static void assertEveryBodyMatchesItsSchema(WireMockServer wm) {
    for (LoggedRequest r : wm.findAll(anyRequestedFor(anyUrl()))) {
      String schema = schemaFor(r.getMethod().getName(), r.getUrl());
      if (schema != null) {
        assertMatchesSchema(schema, r.getBodyAsString());
      } else if (!r.getBodyAsString().isEmpty()) {
        fail("a body no schema covers: " + r.getMethod() + " " + r.getUrl() + " " + r.getBodyAsString());
      }
    }
  }

  /** The request schema of an endpoint that takes a body (test resources, written from the spec); null: none. */
  static String schemaFor(String method, String url) {
    if (method.equals("POST") && url.matches("/api/v1/accounts/\\d+/agents")) {
      return "agent-create.request.schema.json";
    }
    if (method.equals("PATCH") && url.matches("/api/v1/accounts/\\d+/agents/\\d+")) {
      return "agent-update.request.schema.json";
    }
    if (method.equals("POST") && url.equals("/platform/api/v1/users")) {
      return "platform-user-create.request.schema.json";
    }
    if (method.equals("PATCH") && url.matches("/platform/api/v1/users/\\d+")) {
      return "platform-user-update.request.schema.json";
    }
    if (method.equals("POST") && url.matches("/platform/api/v1/accounts/\\d+/account_users")) {
      return "account-user.request.schema.json";
    }
    if ((method.equals("POST") || method.equals("DELETE")) && url.matches("/api/v1/accounts/\\d+/teams/\\d+/team_members")) {
      return "team-members.request.schema.json";
    }
    if ((method.equals("POST") || method.equals("DELETE")) && url.matches("/api/v1/accounts/\\d+/inbox_members")) {
      return "inbox-members.request.schema.json";
    }
    return null;
  }

  /** A schema check that must fail: proves the schema is not vacuous. */
  static List<String> schemaErrors(String schemaName, String body) {
    try (InputStream in = ChatwootTestSupport.class.getResourceAsStream(schemaName)) {
      Schema schema = REGISTRY.getSchema(Json.MAPPER.readTree(in));
      return schema.validate(Json.MAPPER.readTree(body)).stream().map(Object::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
