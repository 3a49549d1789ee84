package dev.roster.providers.keepnet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.roster.providers.keepnet.KeepnetTestSupport.assertMatchesSchema;
import static dev.roster.providers.keepnet.KeepnetTestSupport.config;
import static dev.roster.providers.keepnet.KeepnetTestSupport.provider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.roster.http.WriteRefusedException;
import dev.roster.providers.WireTraffic;
import dev.roster.spi.Declared;
import dev.roster.spi.Json;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exact wire contract with Keepnet, pinned with WireMock: every request's method, path, headers and body. */
class KeepnetWireTest {
  static final String SECRET = "s3cr+t/&=x y";
  static final String TOKEN_FORM =
      "grant_type=client_credentials&client_id=roster-client&client_secret=s3cr%2Bt%2F%26%3Dx+y&scope=api1";

  static final String USERS = "POST /api/target-users/search";
  static final String GROUPS = "POST /api/target-groups/search";

  WireMockServer wm;
  WireTraffic traffic;

  @BeforeEach
  void start() {
    traffic = new WireTraffic();
    wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(traffic));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  // ---------------------------------------------------------------- helpers

  Provider provider(Map<String, Object> extra) {
    return provider(extra, false, 4, Clock.systemUTC());
  }

  Provider provider(Map<String, Object> extra, boolean readOnly, int concurrency, Clock clock) {
    Map<String, Object> all = new LinkedHashMap<>(Map.of("pageSize", 2L));
    all.putAll(extra);
    return KeepnetTestSupport.provider(config(wm.baseUrl(), "roster-client", SECRET, all), readOnly, concurrency, clock);
  }

  void stubToken(String token, long expiresIn) {
    wm.stubFor(post(urlEqualTo("/connect/token"))
        .willReturn(okJson("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn
            + ",\"token_type\":\"Bearer\",\"scope\":\"api1\"}")));
  }

  static String usersSearch(int page) {
    return """
        {"pageNumber":%d,"pageSize":2,"orderBy":"CreateTime","ascending":true,"newVersion":false,
         "filter":{"condition":"AND","searchInputTextValue":"","filterGroups":[{"condition":"AND",
           "filterItems":[{"fieldName":"IsDeleted","operator":"Contains","value":"false"}],"filterGroups":[]}]}}
        """.formatted(page);
  }

  static String groupsSearch(int page) {
    return """
        {"pageNumber":%d,"pageSize":2,"orderBy":"CreateTime","ascending":true,"systemGeneratedGroups":false,
         "filter":{"condition":"AND","searchInputTextValue":"","filterGroups":[]}}
        """.formatted(page);
  }

  static String groupUsersSearch(int page) {
    return """
        {"pageNumber":%d,"pageSize":2,"orderBy":"CreateTime","ascending":true,"excludeGroupUsers":false,
         "filter":{"condition":"AND","searchInputTextValue":"","filterGroups":[{"condition":"AND",
           "filterItems":[{"fieldName":"IsDeleted","operator":"Contains","value":"false"}],"filterGroups":[]}]}}
        """.formatted(page);
  }

  static String page(int page, int pages, int records, String... results) {
    return """
        {"data":{"pageNumber":%d,"pageSize":2,"totalNumberOfPages":%d,"totalNumberOfRecords":%d,"results":[%s]},
         "status":"Success","message":null,"validationMessages":null}
        """.formatted(page, pages, records, String.join(",", results));
  }

  static String view(String id, String email, String first, String last, String status) {
    return """
        {"resourceId":"%s","email":"%s","firstName":"%s","lastName":"%s","department":"Sales","priority":"Medium",
         "status":"%s","customFieldValues":[],"createTime":"2026-01-01T00:00:00Z","updateTime":null,
         "isEditable":true,"scimSettingName":null,"ldapConfigName":null,"phoneNumber":"+15550100",
         "timeZone":"Europe/London","preferredLanguage":"en-GB"}
        """.formatted(id, email, first, last, status);
  }

  void stubUsers(String auth, int pageNumber, String body) {
    var mapping = post(urlEqualTo("/api/target-users/search"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson(usersSearch(pageNumber)));
    if (auth != null) {
      mapping = mapping.withHeader("Authorization", equalTo(auth));
    }
    wm.stubFor(mapping.willReturn(okJson(body)));
  }

  /** The group search on {@code wm}: groups {@code id, name, id, name, ...}, two to a page. */
  static void stubGroupList(WireMockServer wm, String... idsAndNames) {
    int groups = idsAndNames.length / 2;
    int pages = Math.max(1, (groups + 1) / 2);
    for (int p = 1; p <= pages; p++) {
      List<String> views = new ArrayList<>();
      for (int g = 2 * (p - 1); g < Math.min(groups, 2 * p); g++) {
        views.add("{\"resourceId\":\"" + idsAndNames[2 * g] + "\",\"name\":\"" + idsAndNames[2 * g + 1] + "\",\"userCount\":0}");
      }
      wm.stubFor(post(urlEqualTo("/api/target-groups/search")).withRequestBody(equalToJson(groupsSearch(p)))
          .willReturn(okJson(page(p, pages, groups, views.toArray(String[]::new)))));
    }
  }

  void stubNoGroups() {
    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).withRequestBody(equalToJson(groupsSearch(1)))
        .willReturn(okJson(page(1, 1, 0))));
  }

  /** Active users {@code ids}, two to a page, token tok-1. */
  void stubUserPages(String... ids) {
    int pages = (ids.length + 1) / 2;
    for (int p = 1; p <= pages; p++) {
      List<String> views = new ArrayList<>();
      for (int i = 2 * (p - 1); i < Math.min(ids.length, 2 * p); i++) {
        views.add(view(ids[i], ids[i] + "@example.com", ids[i].toUpperCase(), "Test", "Active"));
      }
      wm.stubFor(post(urlEqualTo("/api/target-users/search")).withHeader("Authorization", equalTo("Bearer tok-1"))
          .withRequestBody(equalToJson(usersSearch(p)))
          .willReturn(okJson(page(p, pages, ids.length, views.toArray(String[]::new)))));
    }
  }

  /** Groups gEng (u1, u2, u5 over two pages) and gAll (u1). */
  void stubGroupsWithMembers() {
    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).withRequestBody(equalToJson(groupsSearch(1)))
        .willReturn(okJson(page(1, 1, 2, "{\"resourceId\":\"gEng\",\"userCount\":3}",
            "{\"resourceId\":\"gAll\",\"userCount\":1}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gEng/users")).withRequestBody(equalToJson(groupUsersSearch(1)))
        .willReturn(okJson(page(1, 2, 3, "{\"resourceId\":\"u1\"}", "{\"resourceId\":\"u2\"}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gEng/users")).withRequestBody(equalToJson(groupUsersSearch(2)))
        .willReturn(okJson(page(2, 2, 3, "{\"resourceId\":\"u5\"}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gAll/users")).withRequestBody(equalToJson(groupUsersSearch(1)))
        .willReturn(okJson(page(1, 1, 1, "{\"resourceId\":\"u1\"}"))));
  }

  void stubRecord(String id) {
    wm.stubFor(get(urlEqualTo("/api/target-users/" + id)).willReturn(okJson("""
        {"data":{"resourceId":"%s","email":"%s@example.com","isActive":true,"managerEmail":"hatter@example.com"}}
        """.formatted(id, id))));
  }

  List<LoggedRequest> tokenRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo("/connect/token")));
  }

  // ---------------------------------------------------------------- token

  @Test
  void tokenRequestIsFormEncodedWithScopeApi1AndIsFetchedOnce() {
    wm.stubFor(post(urlEqualTo("/connect/token"))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo(TOKEN_FORM))
        .willReturn(okJson("{\"access_token\":\"tok-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    stubUsers("Bearer tok-1", 1, page(1, 1, 1, view("u1", "a@example.com", "A", "B", "Active")));
    stubNoGroups();
    Provider p = provider(Map.of());
    assertEquals(1, p.list(Declared.none()).size());
    assertEquals(1, p.list(Declared.none()).size());
    assertEquals(1, tokenRequests().size(), "the token is cached across calls");
    LoggedRequest token = tokenRequests().get(0);
    assertNull(token.getHeader("Authorization"), "the token request carries no bearer token");
    assertFalse(token.containsHeader("X-KEEPNET-Company-Id"));
  }

  @Test
  void tokenIsFetchedAgainWhenItsLifetimeMinusTheMarginHasPassed() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 0));
    stubNoGroups();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Provider p = provider(Map.of(), false, 4, clock);
    p.list(Declared.none());
    clock.advance(Duration.ofSeconds(3600 - 61));
    p.list(Declared.none());
    assertEquals(1, tokenRequests().size(), "still valid 61 s before it expires");
    clock.advance(Duration.ofSeconds(2));
    p.list(Declared.none());
    assertEquals(2, tokenRequests().size(), "renewed within the 60 s margin");
  }

  @Test
  void manyRequestsStartingAtOnceFetchOneToken() throws Exception {
    wm.stubFor(post(urlEqualTo("/connect/token")).willReturn(okJson(
        "{\"access_token\":\"tok-1\",\"expires_in\":3600}").withFixedDelay(300)));
    stubUsers("Bearer tok-1", 1, page(1, 1, 0));
    stubNoGroups();
    Provider p = provider(Map.of(), false, 8, Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> p.list(Declared.none()).size());
      }
      for (Future<Integer> f : pool.invokeAll(calls)) {
        assertEquals(0, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, tokenRequests().size(), "single flight: one token for every concurrent request");
  }

  @Test
  void tokenExpiringMidRunIsRenewedOnceAndTheRefusedPagesAreRetried() {
    wm.stubFor(post(urlEqualTo("/connect/token")).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"access_token\":\"tok-1\",\"expires_in\":3600}")).willSetStateTo("renewed"));
    wm.stubFor(post(urlEqualTo("/connect/token")).inScenario("token").whenScenarioStateIs("renewed")
        .willReturn(okJson("{\"access_token\":\"tok-2\",\"expires_in\":3600}")).willSetStateTo("third"));
    wm.stubFor(post(urlEqualTo("/connect/token")).inScenario("token").whenScenarioStateIs("third")
        .willReturn(okJson("{\"access_token\":\"tok-3\",\"expires_in\":3600}")));
    stubUsers("Bearer tok-1", 1, page(1, 3, 5, view("u1", "a@example.com", "A", "A", "Active"),
        view("u2", "b@example.com", "B", "B", "Active")));
    for (int n = 2; n <= 3; n++) {
      // Keepnet revoked tok-1 after page 1
      wm.stubFor(post(urlEqualTo("/api/target-users/search")).withRequestBody(equalToJson(usersSearch(n)))
          .withHeader("Authorization", equalTo("Bearer tok-1"))
          .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
    }
    stubUsers("Bearer tok-2", 2, page(2, 3, 5, view("u3", "c@example.com", "C", "C", "Active"),
        view("u4", "d@example.com", "D", "D", "Active")));
    stubUsers("Bearer tok-2", 3, page(3, 3, 5, view("u5", "e@example.com", "E", "E", "Active")));
    stubNoGroups();

    List<LiveAccount> live = provider(Map.of()).list(Declared.none());

    assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), live.stream().map(LiveAccount::id).toList());
    assertEquals(2, tokenRequests().size(), "one new token, however many pages saw the 401");
  }

  @Test
  void aTokenRefusedTwiceIsAClearError() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).willReturn(aResponse().withStatus(401)));
    stubNoGroups();
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals(401, e.status());
    assertEquals("POST /api/target-users/search", e.request());
    assertTrue(e.hint().contains("clientId/clientSecret"), e.hint());
    assertEquals(2, tokenRequests().size(), "fetched again exactly once");
  }

  @Test
  void invalidClientNamesTheCredentialsWithoutEverShowingTheSecret() {
    wm.stubFor(post(urlEqualTo("/connect/token"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"invalid_client\"}")));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals(400, e.status());
    assertEquals("POST /connect/token: HTTP 400: invalid_client (check clientId and clientSecret "
        + "(Keepnet: Company > Company Settings > REST API))", e.describe());
    assertFalse(e.describe().contains("s3cr"));
  }

  @Test
  void invalidScopeSaysSo() {
    wm.stubFor(post(urlEqualTo("/connect/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_scope\"}")));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals("the REST API client must be allowed the scope api1", e.hint());
  }

  // ---------------------------------------------------------------- reading

  @Test
  void aUserOnTwoPagesIsOneAccountInPageOrder() {
    // a user created while the pages are read pushes u2 from page 1 onto page 2
    stubToken("tok-1", 3600);
    stubUsers("Bearer tok-1", 1, page(1, 2, 4, view("u1", "a@example.com", "A", "A", "Active"),
        view("u2", "b@example.com", "B", "B", "Active")));
    stubUsers("Bearer tok-1", 2, page(2, 2, 4, view("u2", "b@example.com", "B", "B", "Active"),
        view("u3", "c@example.com", "C", "C", "Active")));
    stubNoGroups();

    List<LiveAccount> live = provider(Map.of()).list(Declared.none());

    assertEquals(List.of("u1", "u2", "u3"), live.stream().map(LiveAccount::id).toList());
  }

  @Test
  void bothSearchesStartTogetherAndTheUsersOtherPagesDoNotWaitForTheGroups() {
    stubToken("tok-1", 3600);
    stubUserPages("u1", "u2", "u3");
    stubNoGroups();
    // each answer waits for the request that proves the other search was not waiting on it
    traffic.hold(USERS + " page 1", GROUPS + " page 1");
    traffic.hold(GROUPS + " page 1", USERS + " page 2");

    assertEquals(3, provider(Map.of()).list(Declared.none()).size());

    assertTrue(traffic.before("sent " + GROUPS + " page 1", "answered " + USERS + " page 1"), traffic.events().toString());
    assertTrue(traffic.before("sent " + USERS + " page 2", "answered " + GROUPS + " page 1"), traffic.events().toString());
  }

  @Test
  void atMostConcurrencyRequestsAreInFlightAndThatManyAre() {
    stubToken("tok-1", 3600);
    stubUserPages("u1", "u2", "u3", "u4", "u5", "u6", "u7");
    stubGroupsWithMembers();
    for (String id : List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7")) {
      stubRecord(id);
    }
    // users pages 2 to 4 answer only once all three are out: three in flight at once
    traffic.hold(USERS + " page 2", USERS + " page 3", USERS + " page 4");
    traffic.hold(USERS + " page 3", USERS + " page 2", USERS + " page 4");
    traffic.hold(USERS + " page 4", USERS + " page 2", USERS + " page 3");

    List<LiveAccount> live = provider(Map.of("readDetails", true), false, 3, Clock.systemUTC()).list(Declared.none());

    assertEquals(7, live.size());
    assertEquals(List.of("gAll", "gEng"), live.get(0).get("targetGroups"));
    assertEquals(3, traffic.maxInFlight(), traffic.events().toString());
    assertEquals(1 + 4 + 1 + 3 + 7, wm.getAllServeEvents().size(), "token, users pages, groups, members pages, records");
  }

  /** With one thread, anything that waited inside the pool would wait forever: the timeout only catches that hang. */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void oneThreadReadsEveryPageMemberAndRecordOneRequestAtATime() {
    stubToken("tok-1", 3600);
    stubUserPages("u1", "u2", "u3", "u4", "u5");
    stubGroupsWithMembers();
    for (String id : List.of("u1", "u2", "u3", "u4", "u5")) {
      stubRecord(id);
    }

    List<LiveAccount> live = provider(Map.of("readDetails", true), false, 1, Clock.systemUTC()).list(Declared.none());

    assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), live.stream().map(LiveAccount::id).toList());
    assertEquals(List.of("gEng"), live.get(1).get("targetGroups"));
    assertEquals("hatter@example.com", live.get(4).get("managerEmail"));
    assertEquals(1, traffic.maxInFlight());
  }

  @Test
  void listReadsThreePagesAndGroupMembershipPerGroupAndMapsTheSearchView() {
    stubToken("tok-1", 3600);
    String scim = """
        {"resourceId":"u5","email":"Eve@Example.com","firstName":"Eve","lastName":"Sync","status":"Active",
         "isEditable":false,"scimSettingName":"Okta","ldapConfigName":null}
        """;
    stubUsers("Bearer tok-1", 1, page(1, 3, 5, view("u1", "alice@example.com", "Alice", "Liddell", "Active"),
        view("u2", "bob@example.com", "Bob", "Stone", "Inactive")));
    stubUsers("Bearer tok-1", 2, page(2, 3, 5, view("u3", "gone@example.com", "Gone", "User", "Deleted"),
        view("u4", "ldap@example.com", "Lee", "Dap", "Active").replace("\"isEditable\":true", "\"isEditable\":false")
            .replace("\"ldapConfigName\":null", "\"ldapConfigName\":\"Corp AD\"")));
    stubUsers("Bearer tok-1", 3, page(3, 3, 5, scim));
    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).withRequestBody(equalToJson(groupsSearch(1)))
        .withHeader("Authorization", equalTo("Bearer tok-1"))
        .willReturn(okJson(page(1, 2, 3, "{\"resourceId\":\"gEng\",\"name\":\"Engineering\",\"userCount\":3}",
            "{\"resourceId\":\"gEmpty\",\"name\":\"Empty\",\"userCount\":0}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).withRequestBody(equalToJson(groupsSearch(2)))
        .willReturn(okJson(page(2, 2, 3, "{\"resourceId\":\"gAll\",\"name\":\"All staff\",\"userCount\":1}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gEng/users")).withRequestBody(equalToJson(groupUsersSearch(1)))
        .willReturn(okJson(page(1, 2, 3, "{\"resourceId\":\"u1\"}", "{\"resourceId\":\"u2\"}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gEng/users")).withRequestBody(equalToJson(groupUsersSearch(2)))
        .willReturn(okJson(page(2, 2, 3, "{\"resourceId\":\"u5\"}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gAll/users")).withRequestBody(equalToJson(groupUsersSearch(1)))
        .willReturn(okJson(page(1, 1, 1, "{\"resourceId\":\"u1\"}"))));

    List<LiveAccount> live = provider(Map.of("companyId", "cmpA1")).list(Declared.none());

    Map<String, LiveAccount> byId = live.stream().collect(Collectors.toMap(LiveAccount::id, a -> a));
    assertEquals(List.of("u1", "u2", "u4", "u5"), live.stream().map(LiveAccount::id).toList(), "deleted u3 left out");
    Map<String, Object> alice = new LinkedHashMap<>();
    alice.put("email", "alice@example.com");
    alice.put("firstName", "Alice");
    alice.put("lastName", "Liddell");
    alice.put("phoneNumber", "+15550100");
    alice.put("department", "Sales");
    alice.put("priority", "Medium");
    alice.put("isActive", true);
    alice.put("targetGroups", List.of("All staff", "Engineering"));
    alice.put("timeZoneId", "Europe/London");
    alice.put("preferredLanguageId", "en-GB");
    assertEquals(alice, byId.get("u1").attributes());
    assertNull(byId.get("u1").readOnlyReason());
    assertEquals(false, byId.get("u2").get("isActive"), "inactive users are listed, as isActive: false");
    assertEquals(List.of("Engineering"), byId.get("u2").get("targetGroups"), "groups by name");
    assertEquals(List.of(), byId.get("u4").get("targetGroups"));
    assertEquals("synced from LDAP Corp AD: not editable in Keepnet", byId.get("u4").readOnlyReason());
    assertEquals("synced from SCIM setting Okta: not editable in Keepnet", byId.get("u5").readOnlyReason());
    assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/api/target-groups/gEmpty/users"))).size(),
        "a group with no users is not read");
    assertEquals(0, wm.findAll(getRequestedFor(urlEqualTo("/api/target-users/u1"))).size(), "no per-user reads");
    for (LoggedRequest r : wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
      if (r.getUrl().startsWith("/api/")) {
        assertEquals("cmpA1", r.getHeader("X-KEEPNET-Company-Id"), r.getUrl());
        assertEquals("Bearer tok-1", r.getHeader("Authorization"), r.getUrl());
        assertMatchesSchema("search.request.schema.json", r.getBodyAsString());
      }
    }
    assertEquals(1, tokenRequests().size());
  }

  @Test
  void readDetailsAddsManagerFieldsFromEachUsersRecord() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 1, view("u1", "alice@example.com", "Alice", "Liddell", "Active")));
    stubNoGroups();
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(okJson("""
        {"data":{"resourceId":"u1","email":"alice@example.com","firstName":"Alice","lastName":"Liddell",
          "department":"Sales","priority":"Medium","isActive":true,"customFieldValues":[],"phoneNumber":"+15550100",
          "timeZoneId":"GMT Standard Time","preferredLanguageId":"en","managerFirstName":"Mad","managerLastName":"Hatter",
          "managerEmail":"hatter@example.com","managerFullName":"Mad Hatter"},"status":"Success"}
        """)));
    LiveAccount alice = provider(Map.of("readDetails", true)).list(Declared.none()).get(0);
    assertEquals("hatter@example.com", alice.get("managerEmail"));
    assertEquals("Mad", alice.get("managerFirstName"));
    assertEquals("Hatter", alice.get("managerLastName"));
    assertEquals("GMT Standard Time", alice.get("timeZoneId"), "the record's id wins over the search view's name");
    assertFalse(alice.attributes().containsKey("managerFullName"));
  }

  @Test
  void managerFieldsAreReadOnlyForTheUsersWhoseDeclaredAccountSetsOne() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 2, view("u1", "Alice@Example.com", "Alice", "Liddell", "Active"),
        view("u2", "bob@example.com", "Bob", "Builder", "Active")));
    stubNoGroups();
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(okJson("""
        {"data":{"resourceId":"u1","email":"Alice@Example.com","firstName":"Alice","lastName":"Liddell",
          "isActive":true,"managerEmail":"hatter@example.com"},"status":"Success"}
        """)));
    Declared declared = Declared.of(new KeepnetFactory().model(), Map.of(
        "alice@example.com", Set.of("email", "managerEmail"),
        "bob@example.com", Set.of("email", "department")));
    List<LiveAccount> live = provider(Map.of()).list(declared);
    assertEquals("hatter@example.com", live.get(0).get("managerEmail"));
    assertFalse(live.get(1).attributes().containsKey("managerEmail"), "bob declares no manager field: not read");
    assertEquals(1, wm.findAll(getRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
    assertEquals(0, wm.findAll(getRequestedFor(urlEqualTo("/api/target-users/u2"))).size(), "one request per declaring user only");
  }

  @Test
  void theQuickstartEnvelopeIsReadToo() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).willReturn(okJson("""
        {"isSuccess":true,"messages":[],"data":{"pageNumber":1,"totalNumberOfPages":1,
          "results":[{"resourceId":"u1","email":"a@example.com","status":"Active"}]}}
        """)));
    stubNoGroups();
    assertEquals("a@example.com", provider(Map.of()).list(Declared.none()).get(0).get("email"));
  }

  // ---------------------------------------------------------------- answers without the documented shape

  /** Reads users whose first page answers {@code firstPage} (no groups); the read must fail, naming the users search. */
  PlatformException usersReadFails(String firstPage) {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, firstPage);
    stubNoGroups();
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals(USERS, e.request());
    assertTrue(e.hint().contains("shape Keepnet documents"), e.hint());
    return e;
  }

  @Test
  void aSearchPageWithoutResultsFailsTheReadUnlessThereAreNoRecords() {
    assertEquals("page 1 has no data.results while totalNumberOfRecords is 2", usersReadFails(
        "{\"data\":{\"pageNumber\":1,\"pageSize\":2,\"totalNumberOfPages\":1,\"totalNumberOfRecords\":2}}").getMessage());
    wm.resetAll();
    assertEquals("page 1 has no data", usersReadFails("{\"status\":\"Success\",\"data\":null}").getMessage());
    wm.resetAll();
    stubToken("tok-1", 3600);
    stubUsers(null, 1, "{\"data\":{\"pageNumber\":1,\"totalNumberOfPages\":0,\"totalNumberOfRecords\":0}}");
    stubNoGroups();
    assertEquals(List.of(), provider(Map.of()).list(Declared.none()), "no records, no results: an empty company");
  }

  @Test
  void resultsThatAreNotAnArrayFailTheRead() {
    assertEquals("data.results of page 1 is not an array", usersReadFails("""
        {"data":{"pageNumber":1,"pageSize":2,"totalNumberOfPages":1,"totalNumberOfRecords":1,
          "results":{"resourceId":"u1","email":"a@example.com","status":"Active"}}}
        """).getMessage());
  }

  @Test
  void aResultWithoutResourceIdFailsTheRead() {
    assertEquals("result 2 of page 1 has no resourceId", usersReadFails(page(1, 1, 2,
        view("u1", "a@example.com", "A", "A", "Active"),
        view("u2", "b@example.com", "B", "B", "Active").replace("\"resourceId\":\"u2\",", ""))).getMessage());
  }

  @Test
  void aPageWithoutAPageCountFailsTheRead() {
    assertEquals("page 1 gives neither totalNumberOfPages nor totalNumberOfRecords", usersReadFails(
        "{\"data\":{\"pageNumber\":1,\"results\":[" + view("u1", "a@example.com", "A", "A", "Active") + "]}}").getMessage());
  }

  @Test
  void aPageCountThatContradictsThePagesFailsTheRead() {
    String u1 = view("u1", "a@example.com", "A", "A", "Active");
    String u2 = view("u2", "b@example.com", "B", "B", "Active");
    assertEquals("page 1 gives totalNumberOfPages 1, but totalNumberOfRecords 3 at 2 a page make 2 pages",
        usersReadFails(page(1, 1, 3, u1, u2)).getMessage());
    wm.resetAll();
    assertEquals("page 1 holds 1 of its 2 results (totalNumberOfRecords 4)", usersReadFails(page(1, 2, 4, u1)).getMessage());

    wm.resetAll();
    stubUsers(null, 2, page(2, 3, 6, view("u3", "c@example.com", "C", "C", "Active"), view("u4", "d@example.com", "D", "D", "Active")));
    assertEquals("page 2 says there are 3 pages where page 1 said 2", usersReadFails(page(1, 2, 4, u1, u2)).getMessage());

    wm.resetAll();
    stubUsers(null, 2, page(1, 2, 4, u1, u2)); // page 2 asked for, page 1 answered
    assertEquals("page 2 was asked for and page 1 came back", usersReadFails(page(1, 2, 4, u1, u2)).getMessage());
  }

  @Test
  void groupSearchesAndMembersWithoutTheDocumentedShapeFailTheReadToo() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 1, view("u1", "a@example.com", "A", "A", "Active")));
    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).willReturn(okJson(
        "{\"data\":{\"pageNumber\":1,\"totalNumberOfPages\":1,\"totalNumberOfRecords\":2}}")));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals(GROUPS + ": page 1 has no data.results while totalNumberOfRecords is 2", e.request() + ": " + e.getMessage());

    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).willReturn(okJson(
        page(1, 1, 1, "{\"resourceId\":\"gEng\",\"userCount\":1}"))));
    wm.stubFor(post(urlEqualTo("/api/target-groups/gEng/users")).willReturn(okJson(
        page(1, 1, 1, "{\"email\":\"a@example.com\"}"))));
    e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals("POST /api/target-groups/gEng/users: result 1 of page 1 has no resourceId", e.request() + ": " + e.getMessage());
  }

  @Test
  void aUserRecordWithoutDataFailsTheRead() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 1, view("u1", "alice@example.com", "Alice", "Liddell", "Active")));
    stubNoGroups();
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(okJson("{\"data\":null,\"status\":\"Success\"}")));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(Map.of("readDetails", true)).list(Declared.none()));
    assertEquals("GET /api/target-users/u1: HTTP 200: Keepnet returned no record for target user alice@example.com",
        e.describe());
  }

  @Test
  void aGroupIdThatCouldAddressAnotherResourceFailsTheReadBeforeItIsSent() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 0));
    wm.stubFor(post(urlEqualTo("/api/target-groups/search")).willReturn(okJson(
        page(1, 1, 1, "{\"resourceId\":\"../target-users/u1\",\"userCount\":1}"))));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertTrue(e.getMessage().startsWith("Keepnet returned a target group id Roster does not accept"), e.getMessage());
    for (var event : wm.getAllServeEvents()) {
      assertTrue(Set.of("/connect/token", "/api/target-users/search", "/api/target-groups/search")
          .contains(event.getRequest().getUrl()), "nothing but the token and the searches: " + event.getRequest().getUrl());
    }
  }

  @Test
  void isSuccessFalseIsAFailureWithThePlatformsWords() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).willReturn(okJson(
        "{\"isSuccess\":false,\"data\":null,\"messages\":[{\"message\":\"INPUT_ERROR\"}]}")));
    stubNoGroups();
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals("POST /api/target-users/search: HTTP 200: INPUT_ERROR", e.describe().replaceAll(" \\(.*", ""));
  }

  @Test
  void forbiddenExplainsRoleAndCompany() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"data\":null,\"status\":\"Forbidden\",\"message\":\"Access denied\",\"validationMessages\":null}")));
    stubNoGroups();
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of("companyId", "cmpX")).list(Declared.none()));
    assertEquals(403, e.status());
    assertEquals("Access denied", e.getMessage());
    assertTrue(e.hint().contains("role lacks permission") && e.hint().contains("companyId"), e.hint());
  }

  @Test
  void rateLimitedPagesAreRetriedAfterRetryAfter() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(okJson(page(1, 1, 1, view("u1", "a@example.com", "A", "B", "Active")))));
    stubNoGroups();
    assertEquals(1, provider(Map.of()).list(Declared.none()).size());
    assertEquals(2, wm.findAll(postRequestedFor(urlEqualTo("/api/target-users/search"))).size());
  }

  @Test
  void anHtmlErrorPageIsDescribedNotDumped() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "text/html").withBody("<html><body>Server Error</body></html>")));
    stubNoGroups();
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of()).list(Declared.none()));
    assertEquals("the server answered with an HTML page instead of JSON", e.getMessage());
  }

  @Test
  void planTimeReadsWorkWhileEveryWriteIsRefused() {
    stubToken("tok-1", 3600);
    stubUsers(null, 1, page(1, 1, 1, view("u1", "a@example.com", "A", "B", "Active")));
    stubNoGroups();
    Provider p = provider(Map.of(), true, 4, Clock.systemUTC());
    LiveAccount a = p.list(Declared.none()).get(0);
    assertThrows(WriteRefusedException.class,
        () -> p.apply(KeepnetTestSupport.create("new@example.com", Map.of("email", "new@example.com"))));
    assertThrows(WriteRefusedException.class, () -> p.apply(KeepnetTestSupport.delete(a)));
    assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/api/target-users"))).size());
    assertEquals(0, wm.findAll(deleteRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  // ---------------------------------------------------------------- writing

  @Test
  void createSendsTheDeclaredAttributesActiveByDefault() {
    stubToken("tok-1", 3600);
    stubGroupList(wm, "gSupport", "Support");
    wm.stubFor(post(urlEqualTo("/api/target-users")).withHeader("Authorization", equalTo("Bearer tok-1"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"email":"bob@example.com","firstName":"Bob","lastName":"Stone","department":"Support",
             "phoneNumber":"+15550101","managerEmail":"alice@example.com","isActive":true,
             "targetGroupResourceIds":["gSupport"]}
            """))
        .willReturn(okJson("{\"data\":{\"resourceId\":\"nEw1\"},\"status\":\"Success\",\"message\":null,\"validationMessages\":null}")));
    Map<String, Object> desired = new LinkedHashMap<>();
    desired.put("email", "bob@example.com");
    desired.put("firstName", "Bob");
    desired.put("lastName", "Stone");
    desired.put("department", "Support");
    desired.put("phoneNumber", "+15550101");
    desired.put("managerEmail", "alice@example.com");
    desired.put("targetGroups", List.of("gSupport"));
    provider(Map.of()).apply(KeepnetTestSupport.create("bob@example.com", desired));
    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/api/target-users")));
    assertEquals(1, sent.size());
    assertMatchesSchema("create-target-user.request.schema.json", sent.get(0).getBodyAsString());
  }

  @Test
  void createOfAnInactiveUserSaysSo() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users"))
        .withRequestBody(equalToJson("{\"email\":\"x@example.com\",\"isActive\":false}"))
        .willReturn(okJson("{\"data\":{\"resourceId\":\"nEw1\"}}")));
    provider(Map.of()).apply(KeepnetTestSupport.create("x@example.com", Map.of("email", "x@example.com", "isActive", false)));
    assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/api/target-users"))).size());
  }

  @Test
  void validationMessagesOnCreateBecomeTheError() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("""
            {"data":null,"status":"Invalid","message":"Validation failed",
             "validationMessages":["A target user with the email bob@example.com already exists."]}
            """)));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of())
        .apply(KeepnetTestSupport.create("bob@example.com", Map.of("email", "bob@example.com"))));
    assertEquals("POST /api/target-users: HTTP 400: A target user with the email bob@example.com already exists.; "
        + "Validation failed (check the values sent (field limits, e-mail format, target group ids); with reseller "
        + "credentials, check companyId)", e.describe());
  }

  @Test
  void validationMessagesInASuccessfulAnswerAreStillAFailure() {
    stubToken("tok-1", 3600);
    wm.stubFor(post(urlEqualTo("/api/target-users")).willReturn(okJson(
        "{\"data\":null,\"status\":\"Success\",\"message\":null,\"validationMessages\":[\"Email is invalid\"]}")));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of())
        .apply(KeepnetTestSupport.create("bad", Map.of("email", "bad"))));
    assertEquals("Email is invalid", e.getMessage());
    assertEquals("POST /api/target-users", e.request());
  }

  @Test
  void updateSendsTheWholeRecordWithOnlyTheManagedAttributesChanged() {
    stubToken("tok-1", 3600);
    stubGroupList(wm, "gEng", "Engineering", "gAll", "All staff");
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).withHeader("Authorization", equalTo("Bearer tok-1"))
        .willReturn(okJson(ALICES_RECORD)));
    String expected = """
        {"email":"alice@example.com","firstName":"Alice","lastName":"Liddell","department":"Engineering",
         "priority":"High","phoneNumber":"+15550100","timeZoneId":"GMT Standard Time","preferredLanguageId":"en",
         "managerFirstName":"Mad","managerLastName":"Hatter","managerEmail":"hatter@example.com","isActive":true,
         "customFields":[{"resourceId":"cf1","name":"Office","dataType":"Text","value":"London","timestampValue":null}],
         "targetGroupResourceIds":["gAll","gEng"]}
        """;
    wm.stubFor(put(urlEqualTo("/api/target-users/u1")).withRequestBody(equalToJson(expected))
        .willReturn(okJson("{\"data\":{\"resourceId\":\"u1\"},\"status\":\"Success\"}")));
    Map<String, Object> liveAttrs = new LinkedHashMap<>();
    liveAttrs.put("email", "alice@example.com");
    liveAttrs.put("department", "Sales");
    liveAttrs.put("targetGroups", List.of("All staff", "Engineering"));
    LiveAccount live = new LiveAccount("u1", liveAttrs);
    provider(Map.of()).apply(KeepnetTestSupport.update(live, Map.of("email", "alice@example.com", "department", "Engineering")));
    List<LoggedRequest> puts = wm.findAll(putRequestedFor(urlEqualTo("/api/target-users/u1")));
    assertEquals(1, puts.size());
    assertMatchesSchema("update-target-user.request.schema.json", puts.get(0).getBodyAsString());
  }

  /** Alice's full record as Keepnet returns it: custom fields, manager and group memberships that the PUT must keep. */
  static final String ALICES_RECORD = """
      {"data":{"resourceId":"u1","email":"alice@example.com","firstName":"Alice","lastName":"Liddell",
        "department":"Sales","priority":"High","isActive":true,
        "customFieldValues":[{"resourceId":"cf1","name":"Office","dataType":"Text","value":"London","timestampValue":null}],
        "phoneNumber":"+15550100","timeZoneId":"GMT Standard Time","preferredLanguageId":"en",
        "managerFirstName":"Mad","managerLastName":"Hatter","managerEmail":"hatter@example.com",
        "managerFullName":"Mad Hatter"},"status":"Success","message":null,"validationMessages":null}
      """;

  /** {@link #ALICES_RECORD} at GET /api/target-users/u1, and a PUT there that succeeds. */
  void stubAlicesRecord() {
    stubToken("tok-1", 3600);
    stubGroupList(wm, "gEng", "Engineering", "gAll", "All staff");
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(okJson(ALICES_RECORD)));
    wm.stubFor(put(urlEqualTo("/api/target-users/u1")).willReturn(okJson("{\"data\":{\"resourceId\":\"u1\"},\"status\":\"Success\"}")));
  }

  /** What a PUT of alice's whole record (as {@link #stubAlicesRecord} serves it) sends, with this e-mail and isActive. */
  static String alicesWholeRecord(String email, boolean isActive) {
    return """
        {"email":"%s","firstName":"Alice","lastName":"Liddell","department":"Sales",
         "priority":"High","phoneNumber":"+15550100","timeZoneId":"GMT Standard Time","preferredLanguageId":"en",
         "managerFirstName":"Mad","managerLastName":"Hatter","managerEmail":"hatter@example.com","isActive":%s,
         "customFields":[{"resourceId":"cf1","name":"Office","dataType":"Text","value":"London","timestampValue":null}],
         "targetGroupResourceIds":["gAll","gEng"]}
        """.formatted(email, isActive);
  }

  /** The body of the one PUT sent to alice's record. */
  String theOnePutToAlice() {
    List<LoggedRequest> puts = wm.findAll(putRequestedFor(urlEqualTo("/api/target-users/u1")));
    assertEquals(1, puts.size());
    return puts.get(0).getBodyAsString();
  }

  LiveAccount alice() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("email", "alice@example.com");
    attrs.put("firstName", "Alice");
    attrs.put("lastName", "Liddell");
    attrs.put("department", "Sales");
    attrs.put("isActive", true);
    attrs.put("targetGroups", List.of("All staff", "Engineering"));
    return new LiveAccount("u1", attrs);
  }

  @Test
  void aSuspensionIsThePutOfTheWholeRecordWithIsActiveFalseAndNeverADelete() {
    stubAlicesRecord();
    provider(Map.of()).apply(KeepnetTestSupport.suspend(alice()));
    String put = theOnePutToAlice();
    assertEquals(Json.MAPPER.readTree(alicesWholeRecord("alice@example.com", false)), Json.MAPPER.readTree(put));
    assertMatchesSchema("update-target-user.request.schema.json", put);
    assertEquals(0, wm.findAll(deleteRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  @Test
  void aRenameIsThePutOfTheWholeRecordWithTheNewEmailToTheSameResourceId() {
    stubAlicesRecord();
    provider(Map.of()).apply(KeepnetTestSupport.rename(alice(), Map.of("email", "alice.liddell@example.com")));
    assertEquals(Json.MAPPER.readTree(alicesWholeRecord("alice.liddell@example.com", true)),
        Json.MAPPER.readTree(theOnePutToAlice()));
    assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/api/target-users"))).size(), "no new user");
    assertEquals(0, wm.findAll(deleteRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  @Test
  void updateOfTargetGroupsReplacesTheMembershipListAndClearsWhatTheFilesClear() {
    stubToken("tok-1", 3600);
    stubGroupList(wm, "gOld", "Old", "gNew", "New");
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(okJson("""
        {"data":{"resourceId":"u1","email":"alice@example.com","firstName":null,"lastName":null,"department":null,
          "priority":null,"isActive":false,"customFieldValues":null,"phoneNumber":null}}
        """)));
    wm.stubFor(put(urlEqualTo("/api/target-users/u1")).withRequestBody(equalToJson("""
        {"email":"alice@example.com","firstName":null,"lastName":null,"department":null,"timeZoneId":null,
         "preferredLanguageId":null,"managerFirstName":null,"managerLastName":null,"managerEmail":null,
         "isActive":false,"targetGroupResourceIds":["gNew"]}
        """)).willReturn(okJson("{\"data\":{\"resourceId\":\"u1\"}}")));
    LiveAccount live = new LiveAccount("u1", Map.of("email", "alice@example.com", "targetGroups", List.of("Old")));
    provider(Map.of()).apply(KeepnetTestSupport.update(live,
        Map.of("email", "alice@example.com", "targetGroups", List.of("gNew"))));
    assertEquals(1, wm.findAll(putRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  @Test
  void updateOfAUserDeletedSincePlanIsAClearError() {
    stubToken("tok-1", 3600);
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"data\":null,\"status\":\"NotFound\",\"message\":\"Target user not found\"}")));
    LiveAccount live = new LiveAccount("u1", Map.of("email", "a@example.com", "targetGroups", List.of()));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(Map.of())
        .apply(KeepnetTestSupport.update(live, Map.of("email", "a@example.com", "department", "X"))));
    assertEquals("GET /api/target-users/u1: HTTP 404: Target user not found (the target user or group no longer "
        + "exists, or companyId is wrong)", e.describe());
    assertEquals(0, wm.findAll(putRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  @Test
  void deleteSendsDeleteOnTheResourceId() {
    stubToken("tok-1", 3600);
    wm.stubFor(delete(urlEqualTo("/api/target-users/u1")).withHeader("Authorization", equalTo("Bearer tok-1"))
        .willReturn(okJson("{\"data\":{\"resourceId\":\"u1\"},\"status\":\"Success\"}")));
    provider(Map.of()).apply(KeepnetTestSupport.delete(new LiveAccount("u1", Map.of("email", "carol@example.com"))));
    assertEquals(1, wm.findAll(deleteRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  @Test
  void aWriteRetriesOnceWithANewTokenAfter401() {
    wm.stubFor(post(urlEqualTo("/connect/token")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"access_token\":\"tok-1\",\"expires_in\":3600}")).willSetStateTo("2"));
    wm.stubFor(post(urlEqualTo("/connect/token")).inScenario("t").whenScenarioStateIs("2")
        .willReturn(okJson("{\"access_token\":\"tok-2\",\"expires_in\":3600}")));
    wm.stubFor(delete(urlEqualTo("/api/target-users/u1")).withHeader("Authorization", equalTo("Bearer tok-1"))
        .willReturn(aResponse().withStatus(401)));
    wm.stubFor(delete(urlEqualTo("/api/target-users/u1")).withHeader("Authorization", equalTo("Bearer tok-2"))
        .willReturn(okJson("{\"data\":{\"resourceId\":\"u1\"}}")));
    provider(Map.of()).apply(KeepnetTestSupport.delete(new LiveAccount("u1", Map.of("email", "c@example.com"))));
    assertEquals(2, wm.findAll(deleteRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
    assertEquals(2, tokenRequests().size());
  }

  @Test
  void readOnlyUsersAreNeverWrittenTo() {
    LiveAccount synced = new LiveAccount("u1", Map.of("email", "eve@example.com"), "synced from SCIM setting Okta: not editable in Keepnet");
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(Map.of()).apply(KeepnetTestSupport.delete(synced)));
    assertTrue(e.getMessage().contains("synced from SCIM setting Okta"), e.getMessage());
    assertEquals(0, wm.getAllServeEvents().size(), "not a single request");
  }

  @Test
  void aLiveIdThatCouldAddressAnotherResourceIsRefusedBeforeAnyRequest() {
    for (String id : List.of("../connect/token", "u1/groups", "a b", "")) {
      LiveAccount odd = new LiveAccount(id, Map.of("email", "x@example.com"));
      PlatformException e = assertThrows(PlatformException.class,
          () -> provider(Map.of()).apply(KeepnetTestSupport.delete(odd)), id);
      assertTrue(e.getMessage().contains("id Roster does not accept"), e.getMessage());
    }
    assertEquals(0, wm.getAllServeEvents().size());
  }

  @Test
  void notesExplainManagerFieldsAndGroupReplacement() {
    Provider p = provider(Map.of());
    LiveAccount live = new LiveAccount("u1", Map.of("email", "a@example.com", "targetGroups", List.of("g1")));
    List<String> notes = p.notes(KeepnetTestSupport.update(live,
        Map.of("email", "a@example.com", "managerEmail", "m@example.com", "targetGroups", List.of("g2"))));
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("readDetails: true"));
    assertEquals("removes the user from target group g1", notes.get(1));
    assertEquals(List.of(), p.notes(KeepnetTestSupport.update(live,
        Map.of("email", "a@example.com", "targetGroups", List.of("g1", "g2")))), "joining a group needs no note");
    assertEquals(List.of(), provider(Map.of("readDetails", true)).notes(KeepnetTestSupport.update(live,
        Map.of("email", "a@example.com", "managerEmail", "m@example.com"))));
    assertEquals(0, wm.getAllServeEvents().size(), "notes send nothing");
  }

  @Test
  void creatingTheProviderSendsNothing() {
    provider(Map.of());
    assertEquals(0, wm.getAllServeEvents().size());
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
