package dev.roster.providers.keepnet;

import static dev.roster.providers.keepnet.KeepnetTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.http.WriteRefusedException;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.testing.InterceptedSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against the stateful sandbox, at scale; and the sandbox's own contract. */
class KeepnetSandboxTest {
  KeepnetSandbox sandbox;
  SandboxCompany company;
  SearchesInFlight searches;
  SandboxServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    sandbox = new KeepnetSandbox();
    company = sandbox.company();
    searches = new SearchesInFlight(sandbox);
    server = new SandboxServer(0, 0, List.of(new InterceptedSandbox(sandbox, searches::handle)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Provider provider(boolean readOnly, Map<String, Object> extra) {
    var cfg = config(server.url("keepnet"), KeepnetSandbox.CLIENT_ID, KeepnetSandbox.CLIENT_SECRET, extra);
    return KeepnetTestSupport.provider(cfg, readOnly, 4, Clock.systemUTC());
  }

  long count(String request) {
    return server.requests().stream().filter(r -> r.equals(request)).count();
  }

  // ---------------------------------------------------------------- at scale

  @Test
  void twoThousandFiveHundredUsersOverTwentyFivePagesOneTokenPagesInParallelThenWritesConverge() throws Exception {
    for (int i = 0; i < 2500; i++) {
      SandboxCompany.User u = company.addUser("user" + i + "@example.com", "User", "N" + i);
      u.phoneNumber = "+1555" + i;
      u.managerEmail = "boss@example.com";
      u.customFields.add(Map.of("resourceId", "cf1", "name", "Office", "dataType", "Text", "value", "L" + i));
      if (i % 10 == 0) {
        company.addMember(KeepnetSandbox.ENGINEERING, u.resourceId);
      }
    }
    searches.holdUserPagesUntilOut(4);
    Provider provider = provider(false, Map.of());

    List<LiveAccount> live = provider.list(Declared.none());

    assertEquals(2500, live.size());
    assertEquals(2500, live.stream().map(a -> a.get("email")).distinct().count());
    assertEquals(1, count("POST /keepnet/connect/token"), "one token for the whole read");
    assertEquals(25, count("POST /keepnet/api/target-users/search"), "25 pages of 100");
    assertEquals(3, count("POST /keepnet/api/target-groups/" + KeepnetSandbox.ENGINEERING + "/users"), "250 members");
    assertEquals(0, count("POST /keepnet/api/target-groups/" + KeepnetSandbox.SUPPORT + "/users"), "empty group not read");
    assertEquals(0, server.requests().stream().filter(r -> r.startsWith("GET ")).count(), "no per-user reads");
    assertEquals(4, searches.maxInFlight(), "pages read concurrently, never more than concurrency (4) at once");
    Map<String, LiveAccount> byEmail = live.stream().collect(Collectors.toMap(a -> (String) a.get("email"), a -> a));
    assertEquals(List.of("Engineering"), byEmail.get("user10@example.com").get("targetGroups"), "by name");
    assertEquals(List.of(), byEmail.get("user11@example.com").get("targetGroups"));

    // the token expires between plan and apply: apply gets exactly one new one
    sandbox.expireTokens();
    List<Change> changes = new ArrayList<>();
    Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("email", "New" + i + "@Example.com");
      d.put("firstName", "New");
      d.put("lastName", "Person " + i);
      d.put("department", "Engineering");
      d.put("targetGroups", List.of("Engineering", "support")); // names, ignoring case
      changes.add(KeepnetTestSupport.create((String) d.get("email"), d));
      declared.put("new" + i + "@example.com", d);
    }
    for (int i = 0; i < 40; i++) {
      LiveAccount a = byEmail.get("user" + i + "@example.com");
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("email", a.get("email"));
      d.put("department", "Security");
      d.put("isActive", i % 2 == 0);
      d.put("targetGroups", List.of(KeepnetSandbox.SUPPORT)); // an id
      changes.add(KeepnetTestSupport.update(a, d));
      declared.put((String) a.get("email"), d);
    }
    for (int i = 2460; i < 2500; i++) {
      changes.add(KeepnetTestSupport.delete(byEmail.get("user" + i + "@example.com")));
    }
    applyConcurrently(provider, changes);
    assertEquals(2, sandbox.tokensIssued(), "one new token after expiry, for all 120 concurrent changes");

    // a second read sees exactly what was declared: the next plan has no changes
    Provider reader = provider(false, Map.of());
    List<LiveAccount> after = reader.list(Declared.none());
    assertEquals(2500, after.size());
    Map<String, LiveAccount> afterByEmail = after.stream()
        .collect(Collectors.toMap(a -> ((String) a.get("email")).toLowerCase(), a -> a));
    for (int i = 2460; i < 2500; i++) {
      assertNull(afterByEmail.get("user" + i + "@example.com"), "deleted");
    }
    declared.forEach((email, d) -> {
      LiveAccount a = afterByEmail.get(email);
      assertNotNull(a, email);
      d.forEach((k, v) -> {
        if (k.equals("targetGroups")) {
          assertEquals(new HashSet<>((List<?>) reader.canonical(k, v)), new HashSet<>((List<?>) a.get(k)), email + " " + k);
        } else if (k.equals("email")) {
          assertTrue(((String) v).equalsIgnoreCase((String) a.get(k)));
        } else {
          assertEquals(v, a.get(k), email + " " + k);
        }
      });
    });
    assertEquals(true, afterByEmail.get("new0@example.com").get("isActive"), "created active");
    // updates replaced the whole record but kept what the files do not manage
    SandboxCompany.User updated = company.liveUsers().get("user1@example.com");
    assertEquals("+15551", updated.phoneNumber);
    assertEquals("boss@example.com", updated.managerEmail);
    assertEquals("User", updated.firstName);
    assertEquals(1, updated.customFields.size());
    assertEquals("Security", updated.department);
    assertEquals(false, updated.isActive);
    assertEquals(2540, company.storedUsers(), "deletion is soft: 2,500 + 40 created");
  }

  private static void applyConcurrently(Provider provider, List<Change> changes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (Change c : changes) {
        tasks.add(() -> {
          provider.apply(c);
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void duringPlanListWorksAndEveryWriteIsRefused() {
    sandbox.seedDemo();
    Provider plan = provider(true, Map.of());
    List<LiveAccount> live = plan.list(Declared.none());
    assertEquals(3, live.size());
    LiveAccount alice = live.stream().filter(a -> a.get("email").equals("alice@example.com")).findFirst().orElseThrow();
    assertThrows(WriteRefusedException.class, () -> plan.apply(
        KeepnetTestSupport.create("bob@example.com", Map.of("email", "bob@example.com"))));
    assertThrows(WriteRefusedException.class, () -> plan.apply(
        KeepnetTestSupport.update(alice, Map.of("email", "alice@example.com", "department", "Engineering"))));
    assertThrows(WriteRefusedException.class, () -> plan.apply(KeepnetTestSupport.delete(alice)));
    assertEquals(3, company.liveUsers().size());
    assertEquals("Sales", company.liveUsers().get("alice@example.com").department);
  }

  @Test
  void seedDemoHasDriftForAliceAnUndeclaredCarolAndAScimSyncedUser() {
    sandbox.seedDemo();
    Map<String, LiveAccount> live = provider(false, Map.of()).list(Declared.none()).stream()
        .collect(Collectors.toMap(a -> (String) a.get("email"), Function.identity()));
    assertEquals(Map.of("email", "alice@example.com", "firstName", "Alice", "lastName", "Liddell",
        "department", "Sales", "isActive", true, "targetGroups", List.of()), live.get("alice@example.com").attributes());
    assertEquals("Danvers", live.get("carol@example.com").get("lastName"));
    assertEquals(List.of("Support"), live.get("carol@example.com").get("targetGroups"));
    assertEquals("synced from SCIM setting Okta: not editable in Keepnet", live.get("dave@example.com").readOnlyReason());
    assertNull(live.get("bob@example.com"));
    assertEquals(Map.of("KEEPNET_CLIENT_ID", KeepnetSandbox.CLIENT_ID, "KEEPNET_CLIENT_SECRET", KeepnetSandbox.CLIENT_SECRET),
        sandbox.environment());
  }

  @Test
  void wrongCredentialsAreRefusedWithAHint() {
    var cfg = config(server.url("keepnet"), KeepnetSandbox.CLIENT_ID, "wrong", Map.of());
    Provider p = KeepnetTestSupport.provider(cfg, true, 4, Clock.systemUTC());
    PlatformException e = assertThrows(PlatformException.class, () -> p.list(Declared.none()));
    assertEquals("POST /connect/token: HTTP 400: invalid_client (check clientId and clientSecret "
        + "(Keepnet: Company > Company Settings > REST API))", e.describe().replace("/keepnet/connect", "/connect"));
  }

  @Test
  void aCompanyTheseCredentialsDoNotManageIsForbidden() {
    PlatformException e = assertThrows(PlatformException.class, () -> provider(false, Map.of("companyId", "otherCo")).list(Declared.none()));
    assertEquals(403, e.status());
    assertTrue(e.hint().contains("companyId"));
    assertEquals(0, provider(false, Map.of("companyId", KeepnetSandbox.COMPANY_ID)).list(Declared.none()).size());
  }

  @Test
  void theSandboxRefusesWhatKeepnetRefuses() throws Exception {
    String base = server.url("keepnet");
    // the token endpoint takes forms only
    assertEquals(500, send("POST", base + "/connect/token", "application/json",
        "{\"grant_type\":\"client_credentials\"}", null).statusCode());
    assertEquals(400, send("POST", base + "/connect/token", "application/x-www-form-urlencoded",
        "grant_type=client_credentials&client_id=sandbox-keepnet-client&client_secret=sandbox-keepnet-secret", null)
        .statusCode(), "scope api1 is required");
    String token = tokenFor(base);
    // search body rules
    String ok = "{\"pageNumber\":1,\"pageSize\":10,\"orderBy\":\"CreateTime\",\"ascending\":true,"
        + "\"filter\":{\"condition\":\"AND\",\"searchInputTextValue\":\"\",\"filterGroups\":[]}}";
    assertEquals(200, send("POST", base + "/api/target-users/search", "application/json", ok, token).statusCode());
    assertEquals(401, send("POST", base + "/api/target-users/search", "application/json", ok, null).statusCode());
    assertEquals(500, send("POST", base + "/api/target-users/search", "application/json",
        ok.replaceAll("\"filter\":.*", "\"filter\":null}"), token).statusCode());
    assertEquals(400, send("POST", base + "/api/target-users/search", "application/json",
        ok.replace("\"searchInputTextValue\":\"\"", "\"searchInputTextValue\":null"), token).statusCode());
    assertEquals(400, send("POST", base + "/api/target-users/search", "application/json",
        ok.replace("\"ascending\":true,", ""), token).statusCode());
    assertEquals(400, send("POST", base + "/api/target-users/search", "application/json", "{}", token).statusCode());

    // soft deletion: a deleted user is still found unless the search filters deleted users out
    SandboxCompany.User gone = company.addUser("gone@example.com", "Gone", "User");
    company.addMember(KeepnetSandbox.ENGINEERING, gone.resourceId);
    assertEquals(200, send("DELETE", base + "/api/target-users/" + gone.resourceId, null, null, token).statusCode());
    assertTrue(send("POST", base + "/api/target-users/search", "application/json", ok, token).body().contains("\"Deleted\""));
    assertEquals(404, send("GET", base + "/api/target-users/" + gone.resourceId, null, null, token).statusCode());
    assertEquals(java.util.Set.of(), company.groupsOf(gone.resourceId));

    // PUT is a full replacement: what the body leaves out is cleared
    SandboxCompany.User u = company.addUser("u@example.com", "U", "Ser");
    u.phoneNumber = "+1555";
    company.addMember(KeepnetSandbox.ENGINEERING, u.resourceId);
    HttpResponse<String> put = send("PUT", base + "/api/target-users/" + u.resourceId, "application/json",
        "{\"email\":\"u@example.com\",\"department\":\"Ops\"}", token);
    assertEquals(200, put.statusCode(), put.body());
    assertNull(u.phoneNumber);
    assertEquals(false, u.isActive);
    assertEquals(java.util.Set.of(), company.groupsOf(u.resourceId));
    // the update's limits
    HttpResponse<String> tooLong = send("PUT", base + "/api/target-users/" + u.resourceId, "application/json",
        "{\"email\":\"u@example.com\",\"firstName\":\"" + "f".repeat(41) + "\"}", token);
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("maximum length of 40"), tooLong.body());
    // unknown fields and duplicate e-mails
    assertEquals(400, send("POST", base + "/api/target-users", "application/json",
        "{\"email\":\"n@example.com\",\"targetGroups\":[]}", token).statusCode());
    assertTrue(send("POST", base + "/api/target-users", "application/json", "{\"email\":\"U@example.com\"}", token)
        .body().contains("already exists"));
    // the duplicate check (an index by e-mail) follows changes of e-mail and deletions
    assertEquals(200, send("PUT", base + "/api/target-users/" + u.resourceId, "application/json",
        "{\"email\":\"v@example.com\"}", token).statusCode());
    assertTrue(send("POST", base + "/api/target-users", "application/json", "{\"email\":\"V@example.com\"}", token)
        .body().contains("already exists"));
    assertEquals(200, send("POST", base + "/api/target-users", "application/json", "{\"email\":\"u@example.com\"}", token)
        .statusCode());
    assertEquals(200, send("POST", base + "/api/target-users", "application/json", "{\"email\":\"gone@example.com\"}", token)
        .statusCode());
    // SCIM-synced users cannot be changed
    SandboxCompany.User synced = company.addUser("s@example.com", "S", "Cim");
    synced.editable = false;
    synced.scimSettingName = "Okta";
    assertEquals(400, send("PUT", base + "/api/target-users/" + synced.resourceId, "application/json",
        "{\"email\":\"s@example.com\"}", token).statusCode());
    assertEquals(400, send("DELETE", base + "/api/target-users/" + synced.resourceId, null, null, token).statusCode());
    // expired tokens
    sandbox.expireTokens();
    assertEquals(401, send("POST", base + "/api/target-users/search", "application/json", ok, token).statusCode());
  }

  private String tokenFor(String base) throws Exception {
    HttpResponse<String> r = send("POST", base + "/connect/token", "application/x-www-form-urlencoded",
        "grant_type=client_credentials&client_id=sandbox-keepnet-client&client_secret=sandbox-keepnet-secret&scope=api1",
        null);
    assertEquals(200, r.statusCode(), r.body());
    return dev.roster.spi.Json.MAPPER.readTree(r.body()).path("access_token").asString();
  }

  private HttpResponse<String> send(String method, String url, String type, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Between the server and the sandbox ({@link InterceptedSandbox}), counting the searches it is
   * answering at once. Once told, it holds back users pages after the first until that many are out together (so that a read that
   * sends them that many at a time shows it, however loaded the machine), then lets every one through.
   */
  static final class SearchesInFlight {
    private final SandboxApi sandbox;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch allOut = new CountDownLatch(0);

    SearchesInFlight(SandboxApi sandbox) {
      this.sandbox = sandbox;
    }

    void holdUserPagesUntilOut(int pages) {
      allOut = new CountDownLatch(pages);
    }

    int maxInFlight() {
      return maxInFlight.get();
    }

    SandboxResponse handle(SandboxRequest r) {
      if (!r.path().endsWith("/search") && !r.path().endsWith("/users")) {
        return sandbox.handle(r);
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (r.path().equals("/api/target-users/search") && r.json().path("pageNumber").asInt() > 1) {
          CountDownLatch latch = allOut;
          latch.countDown();
          latch.await(20, TimeUnit.SECONDS); // reached only when the read never sends that many at once
        }
        return sandbox.handle(r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return SandboxResponse.empty(503);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
