package dev.roster.providers.engagelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestStats;
import dev.roster.http.WriteRefusedException;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.PlatformException;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against the stateful sandbox: what each change leaves on the fake platform. */
class EngageLabSandboxTest {
  EngageLabSandbox sandbox;
  SandboxServer server;

  @BeforeEach
  void start() throws Exception {
    sandbox = new EngageLabSandbox();
    server = new SandboxServer(0, 0, List.of(sandbox));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  EngageLabProvider provider(boolean readOnly, String key, String secret) {
    InstanceConfig config = new InstanceConfig("marketing", "engagelab", Map.of(
        "url", server.url("engagelab"),
        "apiKey", new Secret("${env:ENGAGELAB_API_KEY}", key),
        "apiSecret", new Secret("${env:ENGAGELAB_API_SECRET}", secret),
        "state", "roster-state/marketing.json"));
    return (EngageLabProvider) new EngageLabFactory().create(config,
        new ProviderContext(new HttpClients(HttpSettings.defaults(), readOnly, new RequestStats(), s -> {}), 4));
  }

  EngageLabProvider provider() {
    return provider(false, EngageLabSandbox.API_KEY, EngageLabSandbox.API_SECRET);
  }

  @Test
  void createUpdateAndDeleteAsTheEngineWouldSendThem() {
    EngageLabProvider p = provider();
    Map<String, Object> first = Map.of("userId", "alice@example.com",
        "properties", Map.of("plan", "pro", "seats", 5, "renewal", "2026-03-01 09:30:00"),
        "contacts", Map.of("email", "alice@example.com"));
    p.apply(Changes.create("alice@example.com", first));
    var alice = sandbox.user("alice@example.com");
    assertNotNull(alice);
    assertEquals(Map.of("plan", "pro", "seats", 5L, "renewal", "2026-03-01 09:30:00"), alice.properties());
    assertEquals(Map.of("email", "alice@example.com"), alice.contacts());

    Map<String, Object> second = Map.of("userId", "alice@example.com",
        "properties", Map.of("plan", "team", "seats", 5),
        "contacts", Map.of("email", "alice@example.com", "mobilePhone", "+6591234567"));
    p.apply(Changes.update("alice@example.com", second, first));
    alice = sandbox.user("alice@example.com");
    assertEquals(Map.of("plan", "team", "seats", 5L), alice.properties(), "renewal was removed from the files");
    assertEquals(Map.of("email", "alice@example.com", "mobile_phone", "+6591234567"), alice.contacts());

    p.apply(Changes.delete("alice@example.com", second));
    alice = sandbox.user("alice@example.com");
    assertNotNull(alice, "EngageLab cannot delete users: the user stays");
    assertEquals(Map.of(), alice.properties(), "what Roster set is cleared");
    assertEquals(alice.euid(), sandbox.users().get("alice@example.com").euid());
    assertEquals(1, sandbox.users().size());
  }

  @Test
  void aPropertySetOutsideRosterIsLeftAloneUnlessRosterSetItBefore() {
    sandbox.add("bob@example.com", Map.of("source", "sdk", "plan", "free"), Map.of());
    EngageLabProvider p = provider();
    Map<String, Object> desired = Map.of("userId", "bob@example.com", "properties", Map.of("plan", "pro"));
    p.apply(Changes.create("bob@example.com", desired));
    assertEquals(Map.of("source", "sdk", "plan", "pro"), sandbox.user("bob@example.com").properties());
    p.apply(Changes.delete("bob@example.com", desired));
    assertEquals(Map.of("source", "sdk"), sandbox.user("bob@example.com").properties());
  }

  @Test
  void wrongCredentialsAreCode40050OnHttp200() {
    PlatformException e = assertThrows(PlatformException.class, () -> provider(false, "nope", EngageLabSandbox.API_SECRET)
        .apply(Changes.create("alice@example.com", Map.of("userId", "alice@example.com"))));
    assertEquals(200, e.status());
    assertEquals("API authentication failed (code 40050)", e.getMessage());
    assertTrue(e.hint().contains("check apiKey and apiSecret"));
    assertTrue(sandbox.users().isEmpty());
  }

  @Test
  void emptyValuesAre55103AndATypeClashIs55102AndNothingIsHalfApplied() {
    EngageLabProvider p = provider();
    p.apply(Changes.create("alice@example.com", Map.of("userId", "alice@example.com", "properties", Map.of("seats", 5))));
    PlatformException empty = assertThrows(PlatformException.class, () -> p.apply(Changes.create("alice@example.com",
        Map.of("userId", "alice@example.com", "properties", Map.of("plan", "pro", "tier", "")))));
    assertEquals("Property value cannot be empty (code 55103)", empty.getMessage());
    PlatformException clash = assertThrows(PlatformException.class, () -> p.apply(Changes.create("bob@example.com",
        Map.of("userId", "bob@example.com", "properties", Map.of("seats", "five")))));
    assertEquals(55102 + "", clash.getMessage().replaceAll(".*\\(code (\\d+)\\)", "$1"));
    assertTrue(clash.hint().contains("defined in the MA console"));
    assertEquals(Map.of("seats", 5L), sandbox.user("alice@example.com").properties());
    assertEquals(Map.of(), sandbox.user("bob@example.com").properties(), "register created bob before the refusal");
  }

  @Test
  void concurrentAppliesShareRegisterRequests() throws Exception {
    server.setLatencyMillis(30);
    EngageLabProvider p = provider();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "user" + i + "@example.com";
      done.add(pool.submit(() -> p.apply(Changes.create(id, Map.of("userId", id, "properties", Map.of("n", 1))))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    long registers = server.requests().stream().filter(r -> r.endsWith("/v1/user/register")).count();
    assertEquals(40, sandbox.users().size());
    assertTrue(registers < 40, "register requests are shared while one is in flight: " + registers);
    sandbox.users().values().forEach(u -> assertEquals(Map.of("n", 1L), u.properties()));
  }

  @Test
  void prepareBatchesAndTheSandboxRefusesMoreThan100Identities() throws Exception {
    EngageLabProvider p = provider();
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      changes.add(Changes.create("u" + i, Map.of("userId", "u" + i)));
    }
    p.prepare(changes);
    assertEquals(3, server.requests().size());
    assertEquals(250, sandbox.users().size());

    String body = "{\"identity_name\":\"user_id\",\"identity_values\":[" + "\"x\",".repeat(100) + "\"y\"]}";
    HttpResponse<String> tooMany = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("engagelab") + "/v1/user/register"))
        .header("Authorization", EngageLabSandbox.expectedAuthorization())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, tooMany.statusCode());
    assertTrue(tooMany.body().contains("1 to 100"), tooMany.body());
  }

  @Test
  void readOnlyRefusesEveryWriteAndListIsNeverAnOption() {
    EngageLabProvider p = provider(true, EngageLabSandbox.API_KEY, EngageLabSandbox.API_SECRET);
    assertThrows(WriteRefusedException.class,
        () -> p.apply(Changes.create("alice@example.com", Map.of("userId", "alice@example.com"))));
    assertThrows(UnsupportedOperationException.class, () -> p.list(Declared.none()));
    assertEquals(List.of(), server.requests());
    assertNull(sandbox.user("alice@example.com"));
  }

  @Test
  void seedDemoAndEnvironment() {
    sandbox.seedDemo();
    assertEquals(List.of("alice@example.com", "carol@example.com"), List.copyOf(sandbox.users().keySet()));
    assertEquals(Map.of("ENGAGELAB_API_KEY", EngageLabSandbox.API_KEY, "ENGAGELAB_API_SECRET", EngageLabSandbox.API_SECRET),
        sandbox.environment());
    sandbox.reset();
    assertTrue(sandbox.users().isEmpty());
  }
}
