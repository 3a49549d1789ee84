package dev.roster.providers.keepnet;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.roster.providers.keepnet.KeepnetTestSupport.assertMatchesSchema;
import static dev.roster.providers.keepnet.KeepnetTestSupport.config;
import static dev.roster.providers.keepnet.KeepnetWireTest.groupUsersSearch;
import static dev.roster.providers.keepnet.KeepnetWireTest.groupsSearch;
import static dev.roster.providers.keepnet.KeepnetWireTest.page;
import static dev.roster.providers.keepnet.KeepnetWireTest.stubGroupList;
import static dev.roster.providers.keepnet.KeepnetWireTest.usersSearch;
import static dev.roster.providers.keepnet.KeepnetWireTest.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Target groups by name on the wire, pinned with WireMock: plans show names, the files may give
 * names (ignoring case) or ids, and the create and update bodies carry the resource ids the names
 * resolve to through the group search. The company's groups: gEng "Engineering", gSup "Support".
 */
class KeepnetGroupNamesWireTest {
  static final String GROUPS = "/api/target-groups/search";
  static final String RECORD = """
      {"data":{"resourceId":"u1","email":"alice@example.com","firstName":"Alice","lastName":"Liddell",
        "isActive":true,"customFieldValues":[]}}""";

  WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    wm.stubFor(post(urlEqualTo("/connect/token"))
        .willReturn(okJson("{\"access_token\":\"tok-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  Provider provider() {
    return KeepnetTestSupport.provider(config(wm.baseUrl(), "roster-client", "s", Map.of("pageSize", 2L)), false, 4,
        Clock.systemUTC());
  }

  void stubWrites() {
    wm.stubFor(post(urlEqualTo("/api/target-users")).willReturn(okJson("{\"data\":{\"resourceId\":\"nEw1\"}}")));
    wm.stubFor(get(urlEqualTo("/api/target-users/u1")).willReturn(okJson(RECORD)));
    wm.stubFor(put(urlEqualTo("/api/target-users/u1")).willReturn(okJson("{\"data\":{\"resourceId\":\"u1\"}}")));
  }

  List<String> requests() {
    return wm.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
  }

  List<String> groupIdsSent(String method) {
    var sent = method.equals("POST") ? wm.findAll(postRequestedFor(urlEqualTo("/api/target-users")))
        : wm.findAll(putRequestedFor(urlEqualTo("/api/target-users/u1")));
    assertEquals(1, sent.size());
    assertMatchesSchema(method.equals("POST") ? "create-target-user.request.schema.json"
        : "update-target-user.request.schema.json", sent.get(0).getBodyAsString());
    List<String> ids = new java.util.ArrayList<>();
    dev.roster.spi.Json.MAPPER.readTree(sent.get(0).getBodyAsString()).path("targetGroupResourceIds")
        .forEach(id -> ids.add(id.asString()));
    return ids;
  }

  static LiveAccount alice(List<String> groups) {
    return new LiveAccount("u1", Map.of("email", "alice@example.com", "targetGroups", groups));
  }

  static Map<String, Object> declared(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------------------------------------------------------------- read and plan

  @Test
  void plansShowGroupsByNameAndByIdWhereTheNameDoesNotSayWhichGroup() {
    wm.stubFor(post(urlEqualTo("/api/target-users/search")).withRequestBody(equalToJson(usersSearch(1)))
        .willReturn(okJson(page(1, 1, 1, view("u1", "alice@example.com", "Alice", "Liddell", "Active")))));
    wm.stubFor(post(urlEqualTo(GROUPS)).withRequestBody(equalToJson(groupsSearch(1))).willReturn(okJson(page(1, 2, 4,
        "{\"resourceId\":\"gSal\",\"name\":\"Sales\",\"userCount\":1}", "{\"resourceId\":\"gEng\",\"name\":\"Engineering\",\"userCount\":1}"))));
    wm.stubFor(post(urlEqualTo(GROUPS)).withRequestBody(equalToJson(groupsSearch(2))).willReturn(okJson(page(2, 2, 4,
        "{\"resourceId\":\"gSAL2\",\"name\":\"SALES\",\"userCount\":1}", "{\"resourceId\":\"gNone\",\"name\":null,\"userCount\":1}"))));
    for (String g : List.of("gSal", "gEng", "gSAL2", "gNone")) {
      wm.stubFor(post(urlEqualTo("/api/target-groups/" + g + "/users")).withRequestBody(equalToJson(groupUsersSearch(1)))
          .willReturn(okJson(page(1, 1, 1, "{\"resourceId\":\"u1\"}"))));
    }
    Provider p = provider();
    LiveAccount alice = p.list(Declared.none()).get(0);

    assertEquals(List.of("Engineering", "gNone", "gSal", "gSAL2"), alice.get("targetGroups"),
        "two groups are called sales and one has no name: those show by id");
    assertEquals(List.of("Engineering", "gSal"), p.canonical("targetGroups", List.of("engineering", "gSal")));
    Change change = KeepnetTestSupport.update(alice, declared("email", "alice@example.com",
        "targetGroups", List.of("Sales", "Marketing", "gEng", "ENGINEERING")));
    assertEquals(List.of(
        "targetGroups: Keepnet has 2 target groups named \"Sales\" (gSal, gSAL2): write the resource id of the one meant",
        "targetGroups: Keepnet has no target group \"Marketing\": its target groups are \"Sales\", \"Engineering\","
            + " \"SALES\", gNone",
        "targetGroups: Engineering is listed twice"), p.problems(change));
  }

  // ---------------------------------------------------------------- write

  @Test
  void aCreateSendsTheIdsOfTheGroupsNamedIgnoringCase() {
    stubGroupList(wm, "gEng", "Engineering", "gSup", "Support");
    stubWrites();
    provider().apply(KeepnetTestSupport.create("bob@example.com",
        declared("email", "bob@example.com", "targetGroups", List.of("support", "Engineering"))));

    assertEquals(List.of("POST /connect/token", "POST " + GROUPS, "POST /api/target-users"), requests());
    assertEquals(List.of("gSup", "gEng"), groupIdsSent("POST"));
  }

  @Test
  void anUpdateSendsTheIdsOfTheGroupsNamedAndIdsKeepWorking() {
    stubGroupList(wm, "gEng", "Engineering", "gSup", "Support");
    stubWrites();
    provider().apply(KeepnetTestSupport.update(alice(List.of("Engineering")),
        declared("email", "alice@example.com", "targetGroups", List.of("gEng", "SUPPORT"))));

    assertEquals(List.of("POST /connect/token", "POST " + GROUPS, "GET /api/target-users/u1", "PUT /api/target-users/u1"),
        requests());
    assertEquals(List.of("gEng", "gSup"), groupIdsSent("PUT"));
  }

  @Test
  void anUpdateThatLeavesGroupsToKeepnetSendsTheGroupsTheUserIsIn() {
    stubGroupList(wm, "gEng", "Engineering", "gSup", "Support");
    stubWrites();
    provider().apply(KeepnetTestSupport.update(alice(List.of("Support")),
        declared("email", "alice@example.com", "department", "Ops")));

    assertEquals(List.of("gSup"), groupIdsSent("PUT"), "PUT replaces the record: the user stays in Support");
  }

  @Test
  void aGroupRenamedSinceThePlanIsRefusedBeforeThePut() {
    stubGroupList(wm, "gEng", "Engineering", "gSup", "Customer support");
    stubWrites();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider().apply(
        KeepnetTestSupport.update(alice(List.of("Support")), declared("email", "alice@example.com", "department", "Ops"))));

    assertEquals("Keepnet has no target group \"Support\": its target groups are \"Engineering\", \"Customer support\""
        + " (run 'roster plan' again if it was renamed since the plan)", e.getMessage());
    assertEquals(0, wm.findAll(putRequestedFor(urlEqualTo("/api/target-users/u1"))).size());
  }

  @Test
  void changesAppliedTogetherReadTheGroupsOnce() {
    stubGroupList(wm, "gEng", "Engineering", "gSup", "Support");
    stubWrites();
    Provider p = provider();
    List<Change> changes = List.of(
        KeepnetTestSupport.create("bob@example.com", declared("email", "bob@example.com", "targetGroups", List.of("Support"))),
        KeepnetTestSupport.update(alice(List.of()), declared("email", "alice@example.com", "targetGroups", List.of("Engineering"))));
    p.prepare(changes);
    changes.forEach(p::apply);

    assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo(GROUPS))).size(), requests().toString());
  }

  @Test
  void changesThatSendNoGroupIdsReadNoGroups() {
    stubGroupList(wm, "gEng", "Engineering", "gSup", "Support");
    stubWrites();
    Provider p = provider();
    // the files empty alice's groups: the PUT sends no group ids, so nothing needs resolving
    List<Change> changes = List.of(KeepnetTestSupport.update(alice(List.of("Support")),
        declared("email", "alice@example.com", "targetGroups", List.of())));
    p.prepare(changes);
    changes.forEach(p::apply);

    assertEquals(List.of(), groupIdsSent("PUT"));
    assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo(GROUPS))).size(), requests().toString());
  }
}
