package dev.roster.providers.chatwoot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.API_TOKEN;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.assertEveryBodyMatchesItsSchema;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.config;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.create;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.declared;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.live;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.update;
import static dev.roster.providers.chatwoot.ChatwootWireTest.agent;
import static dev.roster.providers.chatwoot.ChatwootWireTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.roster.providers.WireTraffic;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Teams and inboxes on the wire, pinned with WireMock: which reads a plan sends (and only when the
 * files manage them), and the one request each membership change sends. Account 3 has the teams
 * billing (10) and sales (11) and the inboxes Website (20) and Support email (21); agent 42 is alice.
 */
class ChatwootMembershipWireTest {
  static final String ACCOUNT = "/api/v1/accounts/3";
  static final String AGENTS = ACCOUNT + "/agents";
  static final String TEAMS = ACCOUNT + "/teams";
  static final String INBOXES = ACCOUNT + "/inboxes";
  static final String INBOX_MEMBERS = ACCOUNT + "/inbox_members";
  static final String ALICE = agent(42, "alice@example.com", "Alice", "Alice", "agent", "online", "");
  static final String BOB = agent(43, "bob@example.com", "Bob", "Bob", "agent", "online", "");

  WireMockServer wm;
  WireTraffic traffic;

  @BeforeEach
  void start() {
    traffic = new WireTraffic();
    wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(traffic));
    wm.start();
  }

  @AfterEach
  void everyBodyMatchesItsSchema() {
    try {
      assertEveryBodyMatchesItsSchema(wm);
    } finally {
      wm.stop();
    }
  }

  Provider provider(int concurrency) {
    return ChatwootTestSupport.provider(config(wm.baseUrl(), 3, API_TOKEN, null), false, concurrency);
  }

  void stubAccount() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[" + ALICE + "," + BOB + "]")));
    wm.stubFor(get(urlEqualTo(TEAMS)).willReturn(okJson("""
        [{"id":10,"name":"billing","description":"","allow_auto_assign":true,"account_id":3,"is_member":false},
         {"id":11,"name":"sales","description":"","allow_auto_assign":true,"account_id":3,"is_member":false}]""")));
    wm.stubFor(get(urlEqualTo(TEAMS + "/10/team_members")).willReturn(okJson("[" + ALICE + "]")));
    wm.stubFor(get(urlEqualTo(TEAMS + "/11/team_members")).willReturn(okJson("[" + ALICE + "," + BOB + "]")));
    wm.stubFor(get(urlEqualTo(INBOXES)).willReturn(okJson("""
        {"payload":[{"id":20,"name":"Website","channel_type":"Channel::WebWidget"},
                    {"id":21,"name":"Support email","channel_type":"Channel::Email"}]}""")));
    wm.stubFor(get(urlEqualTo(INBOX_MEMBERS + "/20")).willReturn(okJson("{\"payload\":[" + ALICE + "]}")));
    wm.stubFor(get(urlEqualTo(INBOX_MEMBERS + "/21")).willReturn(okJson("{\"payload\":[" + BOB + "]}")));
  }

  List<String> requests() {
    return wm.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
  }

  /** Alice as a plan read her, in teams and inboxes. */
  static LiveAccount alice(List<String> teams, List<String> inboxes) {
    return live("42", map("email", "alice@example.com", "name", "Alice", "role", "agent", "teams", teams, "inboxes", inboxes));
  }

  // ------------------------------------------------------------------ read

  @Test
  void theTeamsAndInboxesOfAnAgentWhoseFilesManageThemAreReadAsNamesOneRequestPerTeamAndInbox() {
    stubAccount();
    List<LiveAccount> live = provider(4).list(declared(List.of("email", "teams", "inboxes"), "alice@example.com"));

    assertEquals(List.of("billing", "sales"), live.get(0).get("teams"));
    assertEquals(List.of("Website"), live.get(0).get("inboxes"));
    assertFalse(live.get(1).attributes().containsKey("teams"), "bob's files do not manage them: " + live.get(1));
    assertFalse(live.get(1).attributes().containsKey("inboxes"));
    assertEquals(List.of("GET " + AGENTS, "GET " + INBOX_MEMBERS + "/20", "GET " + INBOX_MEMBERS + "/21", "GET " + INBOXES,
        "GET " + TEAMS, "GET " + TEAMS + "/10/team_members", "GET " + TEAMS + "/11/team_members"),
        requests().stream().sorted().toList(), "each once");
    assertEquals(7, wm.findAll(anyRequestedFor(anyUrl()).withHeader("api_access_token", equalTo(API_TOKEN))).size());
  }

  @Test
  void anAgentInNoTeamReadsAsAnEmptyListAndOnlyTheKindTheFilesManageIsRead() {
    stubAccount();
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[" + ALICE + "," + BOB + ","
        + agent(44, "cy@example.com", "Cy", "Cy", "agent", "online", "") + "]")));
    List<LiveAccount> live = provider(4).list(declared(List.of("email", "teams"), "cy@example.com"));

    assertEquals(List.of(), live.get(2).get("teams"));
    assertFalse(live.get(2).attributes().containsKey("inboxes"));
    assertTrue(requests().stream().noneMatch(r -> r.contains("inbox")), requests().toString());
  }

  @Test
  void whenNoDeclaredAccountManagesTeamsOrInboxesTheListIsTheAgentsRequestAlone() {
    stubAccount();
    provider(4).list(declared(List.of("email", "name", "role"), "alice@example.com"));
    provider(4).list(Declared.none());
    assertEquals(List.of("GET " + AGENTS, "GET " + AGENTS), requests());
  }

  @Test
  void theMemberReadsRunTogetherButNeverMoreThanConcurrencyAtOnce() {
    stubAccount();
    // team 10's members answer only once team 11's are asked for, and the other way round: both were out at once
    traffic.hold("GET " + TEAMS + "/10/team_members", "GET " + TEAMS + "/11/team_members");
    traffic.hold("GET " + TEAMS + "/11/team_members", "GET " + TEAMS + "/10/team_members");

    provider(2).list(declared(List.of("email", "teams", "inboxes"), "alice@example.com"));

    assertTrue(traffic.before("sent GET " + TEAMS + "/11/team_members", "answered GET " + TEAMS + "/10/team_members"),
        traffic.events().toString());
    assertEquals(2, traffic.maxInFlight(), traffic.events().toString());
  }

  @Test
  void aMemberListWithoutTheDocumentedShapeFailsTheRead() {
    stubAccount();
    wm.stubFor(get(urlEqualTo(INBOX_MEMBERS + "/21")).willReturn(okJson("[" + BOB + "]")));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(4).list(declared(List.of("email", "inboxes"), "alice@example.com")));
    assertEquals("GET " + INBOX_MEMBERS + "/21", e.request());
    assertEquals("the answer is a list without a payload list of agents", e.getMessage());
  }

  // ------------------------------------------------------------------ plan: names

  @Test
  void declaredNamesAreSpeltAsTheAccountSpellsThemAndAnUnknownOneIsAProblemListingTheNames() {
    stubAccount();
    Provider p = provider(4);
    p.list(declared(List.of("email", "teams", "inboxes"), "alice@example.com"));

    assertEquals(List.of("billing", "sales"), p.canonical("teams", List.of("Billing", "SALES")));
    assertEquals(List.of("Website", "Nope"), p.canonical("inboxes", List.of("website", "Nope")));
    assertEquals("Bob", p.canonical("name", "Bob"));

    Change change = update(alice(List.of("sales"), List.of("Website")),
        map("email", "alice@example.com", "teams", List.of("Biling", "sales"), "inboxes", List.of("support EMAIL")));
    assertEquals(List.of("teams: Chatwoot account 3 has no team \"Biling\": its teams are \"billing\", \"sales\""),
        p.problems(change));
    Change twice = update(alice(List.of("sales"), List.of("Website")),
        map("email", "alice@example.com", "teams", List.of("Sales", "sales")));
    assertEquals(List.of("teams: \"sales\" is listed twice"), p.problems(twice));
  }

  @Test
  void twoInboxesWithTheDeclaredNameAreAProblem() {
    stubAccount();
    wm.stubFor(get(urlEqualTo(INBOXES)).willReturn(okJson("""
        {"payload":[{"id":20,"name":"Website"},{"id":22,"name":"website"}]}""")));
    wm.stubFor(get(urlEqualTo(INBOX_MEMBERS + "/22")).willReturn(okJson("{\"payload\":[]}")));
    Provider p = provider(4);
    p.list(declared(List.of("email", "inboxes"), "alice@example.com"));
    Change change = update(alice(List.of(), List.of()), map("email", "alice@example.com", "inboxes", List.of("Website")));
    assertEquals(List.of("inboxes: Chatwoot account 3 has 2 inboxes named \"Website\" (ids [20, 22]):"
        + " rename all but one in Chatwoot, so that the name says which"), p.problems(change));
  }

  // ------------------------------------------------------------------ apply: one request per membership change

  void stubWrites() {
    wm.stubFor(post(urlMatching(TEAMS + "/1[01]/team_members")).willReturn(okJson("[" + ALICE + "]")));
    wm.stubFor(delete(urlMatching(TEAMS + "/1[01]/team_members")).willReturn(aResponse().withStatus(200)));
    wm.stubFor(post(urlEqualTo(INBOX_MEMBERS)).willReturn(okJson("{\"payload\":[" + ALICE + "]}")));
    wm.stubFor(delete(urlEqualTo(INBOX_MEMBERS)).willReturn(aResponse().withStatus(200)));
  }

  @Test
  void addingToATeamIsOnePostOfTheAgentsIdToThatTeam() {
    stubAccount();
    stubWrites();
    provider(4).apply(update(alice(List.of("sales"), List.of()),
        map("email", "alice@example.com", "teams", List.of("Sales", "Billing"))));

    assertEquals(List.of("GET " + TEAMS, "POST " + TEAMS + "/10/team_members"), requests());
    wm.verify(postRequestedFor(TEAMS + "/10/team_members").withRequestBody(equalToJson("{\"user_ids\":[42]}")));
  }

  @Test
  void removingFromATeamIsOneDeleteOfTheAgentsIdFromThatTeam() {
    stubAccount();
    stubWrites();
    provider(4).apply(update(alice(List.of("billing", "sales"), List.of()),
        map("email", "alice@example.com", "teams", List.of("sales"))));

    assertEquals(List.of("GET " + TEAMS, "DELETE " + TEAMS + "/10/team_members"), requests());
    wm.verify(deleteRequestedFor(TEAMS + "/10/team_members").withRequestBody(equalToJson("{\"user_ids\":[42]}")));
  }

  @Test
  void addingToAnInboxIsOnePostNamingTheInboxInTheBody() {
    stubAccount();
    stubWrites();
    provider(4).apply(update(alice(List.of(), List.of("Website")),
        map("email", "alice@example.com", "inboxes", List.of("Website", "Support email"))));

    assertEquals(List.of("GET " + INBOXES, "POST " + INBOX_MEMBERS), requests());
    wm.verify(postRequestedFor(INBOX_MEMBERS).withRequestBody(equalToJson("{\"inbox_id\":21,\"user_ids\":[42]}")));
  }

  @Test
  void removingFromAnInboxIsOneDeleteNamingTheInboxInTheBody() {
    stubAccount();
    stubWrites();
    provider(4).apply(update(alice(List.of(), List.of("Website", "Support email")),
        map("email", "alice@example.com", "inboxes", List.of("support email"))));

    assertEquals(List.of("GET " + INBOXES, "DELETE " + INBOX_MEMBERS), requests());
    wm.verify(deleteRequestedFor(INBOX_MEMBERS).withRequestBody(equalToJson("{\"inbox_id\":20,\"user_ids\":[42]}")));
  }

  @Test
  void aNewAgentJoinsItsTeamsAndInboxesOnceCreatedWithTheIdChatwootGaveIt() {
    stubAccount();
    stubWrites();
    wm.stubFor(post(urlEqualTo(AGENTS)).willReturn(okJson(agent(77, "dan@example.com", "Dan", "Dan", "agent", "offline", ""))));
    provider(4).apply(create("dan@example.com", map("name", "Dan", "teams", List.of("billing"), "inboxes", List.of("Website"))));

    assertEquals(List.of("GET " + TEAMS, "GET " + INBOXES, "POST " + AGENTS, "POST " + TEAMS + "/10/team_members",
        "POST " + INBOX_MEMBERS), requests(), "names resolved before the agent is created");
    wm.verify(postRequestedFor(TEAMS + "/10/team_members").withRequestBody(equalToJson("{\"user_ids\":[77]}")));
    wm.verify(postRequestedFor(INBOX_MEMBERS).withRequestBody(equalToJson("{\"inbox_id\":20,\"user_ids\":[77]}")));
  }

  @Test
  void changesAppliedTogetherReadTheTeamsOnce() {
    stubAccount();
    stubWrites();
    Provider p = provider(4);
    List<Change> changes = List.of(
        update(alice(List.of(), List.of()), map("email", "alice@example.com", "teams", List.of("sales"))),
        create("dan@example.com", map("name", "Dan", "teams", List.of("billing"))));
    wm.stubFor(post(urlEqualTo(AGENTS)).willReturn(okJson(agent(77, "dan@example.com", "Dan", "Dan", "agent", "offline", ""))));
    p.prepare(changes);
    changes.forEach(p::apply);

    assertEquals(List.of("GET " + TEAMS, "POST " + TEAMS + "/11/team_members", "POST " + AGENTS,
        "POST " + TEAMS + "/10/team_members"), requests());
  }

  @Test
  void aNameGoneSinceThePlanIsRefusedBeforeAnythingIsSent() {
    stubAccount();
    stubWrites();
    wm.stubFor(get(urlEqualTo(TEAMS)).willReturn(okJson("[{\"id\":11,\"name\":\"sales\"}]")));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider(4).apply(update(
        alice(List.of("sales"), List.of()), map("email", "alice@example.com", "name", "Alice L.", "teams", List.of("billing")))));

    assertEquals("Chatwoot account 3 has no team \"billing\": its teams are \"sales\"", e.getMessage());
    assertEquals(List.of("GET " + TEAMS), requests(), "not even the name");
  }

  @Test
  void anUpdateOrDeleteThatLeavesTeamsAndInboxesAloneSendsNoMembershipRequest() {
    stubAccount();
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo(AGENTS + "/42"))
        .willReturn(okJson(ALICE)));
    wm.stubFor(delete(urlEqualTo(AGENTS + "/42")).willReturn(aResponse().withStatus(200)));
    Provider p = provider(4);
    p.apply(update(alice(List.of("sales"), List.of("Website")),
        map("email", "alice@example.com", "name", "Alice L.", "teams", List.of("sales"), "inboxes", List.of("Website"))));
    p.apply(ChatwootTestSupport.delete(alice(List.of("sales"), List.of("Website"))));

    assertEquals(List.of("PATCH " + AGENTS + "/42", "DELETE " + AGENTS + "/42"), requests(),
        "Chatwoot removes a deleted agent's memberships itself");
  }

  static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder postRequestedFor(String url) {
    return com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(url));
  }

  static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder deleteRequestedFor(String url) {
    return com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo(url));
  }
}
