package dev.roster.providers.chatwoot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.API_TOKEN;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.PLATFORM_TOKEN;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.assertEveryBodyMatchesItsSchema;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.config;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.create;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.declared;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.live;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.roster.http.WriteRefusedException;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.Json;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact wire contract with Chatwoot, pinned with WireMock: each request's method, path, token
 * header and body, and each error's mapping. After every test, every body sent is checked against
 * the request schema of its endpoint.
 */
class ChatwootWireTest {
  static final String AGENTS = "/api/v1/accounts/3/agents";
  static final String ACCOUNT_USERS = "/platform/api/v1/accounts/3/account_users";
  static final String USERS = "/platform/api/v1/users";

  WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
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

  Provider provider(boolean withPlatform) {
    return provider(withPlatform, false);
  }

  Provider provider(boolean withPlatform, boolean readOnly) {
    return ChatwootTestSupport.provider(config(wm.baseUrl(), 3, API_TOKEN, withPlatform ? PLATFORM_TOKEN : null), readOnly);
  }

  static String agent(long id, String email, String name, String availableName, String role, String status, String extra) {
    return """
        {"id":%d,"account_id":3,"availability_status":"%s","auto_offline":false,"confirmed":true,"email":"%s",
         "provider":"email","available_name":"%s","name":"%s","role":"%s","thumbnail":""%s}
        """.formatted(id, status, email, availableName, name, role, extra);
  }

  static String user(long id, String email, String name, String displayName, String customAttributes) {
    return """
        {"access_token":"user-tok","account_id":null,"available_name":"%s","avatar_url":"","confirmed":true,
         "display_name":%s,"message_signature":null,"email":"%s","id":%d,"name":"%s","provider":"email",
         "pubsub_token":"p","role":null,"ui_settings":{},"uid":"%s","accounts":[]%s}
        """.formatted(displayName == null ? name : displayName, displayName == null ? "null" : "\"" + displayName + "\"",
        email, id, name, email, customAttributes == null ? "" : ",\"custom_attributes\":" + customAttributes);
  }

  static LiveAccount alice() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("email", "alice@example.com");
    a.put("name", "Alice Liddell");
    a.put("role", "agent");
    a.put("availability", "offline");
    a.put("autoOffline", false);
    a.put("customAttributes", new LinkedHashMap<>(Map.of("team", "support", "floor", 2)));
    return live("42", a);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ------------------------------------------------------------------ read

  @Test
  void listIsOneAgentsRequestWithTheApiTokenMappedToTheManifestsWords() {
    wm.stubFor(get(urlEqualTo(AGENTS)).withHeader("api_access_token", equalTo(API_TOKEN))
        .willReturn(okJson("[" + agent(1, "alice@example.com", "Alice Liddell", "Alice Liddell", "agent", "available",
            ",\"custom_attributes\":{\"team\":\"billing\",\"old\":null}") + ","
            + agent(2, "bob@example.com", "Bob Stone", "Bobby", "administrator", "busy", ",\"custom_role_id\":7") + "]")));
    List<LiveAccount> live = provider(false).list(Declared.none());

    assertEquals(2, live.size());
    LiveAccount alice = live.get(0);
    assertEquals("1", alice.id());
    assertEquals(map("email", "alice@example.com", "name", "Alice Liddell", "role", "agent", "availability", "online",
        "autoOffline", false, "customAttributes", map("team", "billing")), alice.attributes(),
        "available -> online; a null custom attribute is an absent one; no displayName when it is the name");
    LiveAccount bob = live.get(1);
    assertEquals("Bobby", bob.get("displayName"));
    assertEquals("busy", bob.get("availability"));
    assertEquals("administrator", bob.get("role"));
    assertEquals(map(), bob.get("customAttributes"), "no custom_attributes key: an empty object, so {} declared matches");
    assertEquals(7, bob.get("customRoleId"));
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size(), "one request, no platform read without platformToken");
  }

  static final Declared ALICE_SETS_AVAILABILITY = declared(List.of("email", "availability"), "alice@example.com");

  @Test
  void withAPlatformTokenButNoDeclaredAvailabilityTheListIsOneRequestAndLeavesTheAvailabilityOut() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson(
        "[" + agent(1, "alice@example.com", "Alice", "Al", "agent", "offline", "") + "]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).willReturn(okJson("[]")));
    Declared everythingElse = declared(List.of("email", "name", "displayName", "role", "customAttributes", "customRoleId",
        "password"), "alice@example.com", "bob@example.com");
    LiveAccount alice = provider(true).list(everythingElse).get(0);

    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size(), "one request for the whole instance");
    wm.verify(0, getRequestedFor(urlEqualTo(ACCOUNT_USERS)));
    assertFalse(alice.attributes().containsKey("availability"), "the presence is not the availability: " + alice);
    assertEquals(false, alice.get("autoOffline"), "the agents list has it");
    assertEquals("Al", alice.get("displayName"));
  }

  @Test
  void whereTheFilesManageTheAvailabilityItComesAsSetFromAccountUsersNotThePresence() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[" + agent(1, "alice@example.com", "Alice", "Alice", "agent",
        "offline", "") + "," + agent(2, "bob@example.com", "Bob", "Bob", "agent", "offline", "") + "]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).withHeader("api_access_token", equalTo(PLATFORM_TOKEN))
        .willReturn(okJson("""
            [{"id":9,"account_id":3,"user_id":1,"role":"agent","inviter_id":null,"availability":"busy","auto_offline":true,
              "custom_role_id":null,"agent_capacity_policy_id":null},
             {"id":10,"account_id":3,"user_id":2,"role":"agent","inviter_id":null,"availability":"online","auto_offline":true,
              "custom_role_id":null,"agent_capacity_policy_id":null}]""")));
    List<LiveAccount> live = provider(true).list(ALICE_SETS_AVAILABILITY);
    LiveAccount alice = live.get(0);
    assertEquals("busy", alice.get("availability"));
    assertEquals(true, alice.get("autoOffline"));
    LiveAccount bob = live.get(1);
    assertFalse(bob.attributes().containsKey("availability"),
        "bob does not manage it: he reads the same whether or not alice is declared beside him");
    assertEquals(false, bob.get("autoOffline"));
    wm.verify(1, getRequestedFor(urlEqualTo(AGENTS)).withHeader("api_access_token", equalTo(API_TOKEN)));
    wm.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_USERS)));
  }

  @Test
  void whenThePlatformAppDoesNotOwnTheAccountThePresenceIsUsed() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson(
        "[" + agent(1, "alice@example.com", "Alice", "Alice", "agent", "busy", "") + "]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Non permissible resource\"}")));
    assertEquals("busy", provider(true).list(ALICE_SETS_AVAILABILITY).get(0).get("availability"));
    wm.verify(1, getRequestedFor(urlEqualTo(ACCOUNT_USERS)));
  }

  // ------------------------------------------------------------------ answers without the documented shape

  static final String ALICE = agent(1, "alice@example.com", "Alice", "Alice", "agent", "online", "");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an object        | 200 | {"payload":[]}                     | the answer is an object, not a list of agents
      no body          | 200 |                                    | the answer has no body: a list of agents was expected
      204              | 204 |                                    | the answer has no body: a list of agents was expected
      not an object    | 200 | [1]                                | agent 1 of 1 in the answer is a number, not an object
      an agent no id   | 200 | [ALICE,{"email":"bob@example.com"}] | agent 2 of 2 in the answer has no id
      an id as text    | 200 | [{"id":"7","email":"bob@example.com"}] | agent 1 of 1 in the answer has no id
      an agent no email | 200 | [ALICE,{"id":2,"name":"Bob"}]     | agent 2 of 2 in the answer has no email
      a blank email    | 200 | [{"id":2,"email":" "}]             | agent 1 of 1 in the answer has no email
      """)
  void anAgentsAnswerWithoutTheDocumentedShapeFailsTheRead(String what, int status, String body, String message) {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body == null ? "" : body.replace("ALICE", ALICE))));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(false).list(Declared.none()));
    assertEquals("GET " + AGENTS, e.request());
    assertEquals(message, e.getMessage());
    assertTrue(e.hint().contains("check url"), e.hint());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an object       | {"account_users":[]}                          | the answer is an object, not a list of account users
      no user_id      | [{"id":9,"availability":"busy"}]              | account user 1 of 1 in the answer has no user_id
      no availability | [{"id":9,"user_id":1,"auto_offline":true}]    | account user 1 of 1 in the answer has no availability
      """)
  void anAccountUsersAnswerWithoutTheDocumentedShapeFailsTheRead(String what, String body, String message) {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[" + ALICE + "]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).willReturn(okJson(body)));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(true).list(ALICE_SETS_AVAILABILITY));
    assertEquals("GET " + ACCOUNT_USERS, e.request());
    assertEquals(message, e.getMessage());
  }

  @Test
  void anAgentWhoHasNotConfirmedIsAPendingInvitation() {
    String invited = agent(2, "bob@example.com", "Bob Stone", "Bob Stone", "agent", "offline", "")
        .replace("\"confirmed\":true", "\"confirmed\":false");
    String silent = agent(3, "carol@example.com", "Carol", "Carol", "agent", "offline", "")
        .replace("\"confirmed\":true,", "");
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[" + ALICE + "," + invited + "," + silent + "]")));
    List<LiveAccount> live = provider(false).list(Declared.none());

    assertFalse(live.get(0).pending(), "confirmed: true");
    assertTrue(live.get(1).pending(), "confirmed: false: invited, not accepted yet");
    assertFalse(live.get(2).pending(), "an answer without confirmed says nothing of an invitation");
    assertEquals("bob@example.com", live.get(1).get("email"));
  }

  // ------------------------------------------------------------------ create

  @Test
  void createWithoutPlatformTokenInvitesThroughTheAgentsEndpoint() {
    wm.stubFor(post(urlEqualTo(AGENTS)).withHeader("api_access_token", equalTo(API_TOKEN))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"name":"Bob Stone","email":"bob@example.com","role":"administrator","availability":"busy","auto_offline":true}"""))
        .willReturn(okJson(agent(5, "bob@example.com", "Bob Stone", "Bob Stone", "administrator", "busy", ""))));
    Provider p = provider(false);
    Change change = create("bob@example.com", map("name", "Bob Stone", "role", "administrator", "availability", "busy",
        "autoOffline", true));
    p.apply(change);
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size());
    assertTrue(p.notes(change).stream().anyMatch(n -> n.contains("invitation")), p.notes(change).toString());
  }

  @Test
  void createDefaultsTheRoleToAgentAndTheNameToTheAddress() {
    wm.stubFor(post(urlEqualTo(AGENTS))
        .withRequestBody(equalToJson("{\"name\":\"dan\",\"email\":\"dan@example.com\",\"role\":\"agent\"}"))
        .willReturn(okJson(agent(6, "dan@example.com", "dan", "dan", "agent", "offline", ""))));
    provider(false).apply(create("dan@example.com", map()));
    wm.verify(1, postRequestedFor(urlEqualTo(AGENTS)));
  }

  @Test
  void createWithPlatformTokenCreatesTheUserThenTheMembershipThenTheAvailability() {
    wm.stubFor(post(urlEqualTo(USERS)).withHeader("api_access_token", equalTo(PLATFORM_TOKEN))
        .withRequestBody(equalToJson("""
            {"name":"Bob Stone","email":"bob@example.com","password":"Bob-pw-1234","display_name":"Bobby",
             "custom_attributes":{"team":"billing"}}"""))
        .willReturn(okJson(user(77, "bob@example.com", "Bob Stone", "Bobby", "{\"team\":\"billing\"}"))));
    wm.stubFor(post(urlEqualTo(ACCOUNT_USERS)).withHeader("api_access_token", equalTo(PLATFORM_TOKEN))
        .withRequestBody(equalToJson("{\"user_id\":77,\"role\":\"agent\"}"))
        .willReturn(okJson("{\"id\":1,\"account_id\":3,\"user_id\":77,\"role\":\"agent\"}")));
    wm.stubFor(patch(urlEqualTo(AGENTS + "/77")).withHeader("api_access_token", equalTo(API_TOKEN))
        .withRequestBody(equalToJson("{\"role\":\"agent\",\"availability\":\"online\",\"auto_offline\":false}"))
        .willReturn(okJson(agent(77, "bob@example.com", "Bob Stone", "Bobby", "agent", "online", ""))));
    Provider p = provider(true);
    Change change = create("bob@example.com", map("name", "Bob Stone", "displayName", "Bobby", "availability", "online",
        "autoOffline", false, "customAttributes", map("team", "billing"),
        "password", new Secret("${env:BOB_PW}", "Bob-pw-1234")));
    p.apply(change);

    List<String> order = wm.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getMethod() + " " + r.getUrl()).toList();
    assertEquals(List.of("POST " + USERS, "POST " + ACCOUNT_USERS, "PATCH " + AGENTS + "/77"), order,
        "a new user is not PATCHed: it already has what was sent");
    assertTrue(p.notes(change).stream().noneMatch(n -> n.contains("random")), p.notes(change).toString());
  }

  static final String NOT_PERMISSIBLE = "{\"error\":\"Non permissible resource\"}";

  @Test
  void onAnAccountThePlatformAppDoesNotOwnTheMembershipIsAddedThroughTheAgentsEndpoint() {
    wm.stubFor(post(urlEqualTo(USERS)).withRequestBody(equalToJson("""
            {"name":"Bob Stone","email":"bob@example.com","password":"Bob-pw-1234"}"""))
        .willReturn(okJson(user(77, "bob@example.com", "Bob Stone", null, null))));
    wm.stubFor(post(urlEqualTo(USERS)).withRequestBody(equalToJson("""
            {"name":"Cy Young","email":"cy@example.com","password":"Cy-pw-12345"}"""))
        .willReturn(okJson(user(78, "cy@example.com", "Cy Young", null, null))));
    wm.stubFor(post(urlEqualTo(ACCOUNT_USERS)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody(NOT_PERMISSIBLE)));
    wm.stubFor(post(urlEqualTo(AGENTS)).withHeader("api_access_token", equalTo(API_TOKEN))
        .withRequestBody(equalToJson("""
            {"name":"Bob Stone","email":"bob@example.com","role":"administrator","availability":"busy","auto_offline":true}"""))
        .willReturn(okJson(agent(77, "bob@example.com", "Bob Stone", "Bob Stone", "administrator", "busy", ""))));
    wm.stubFor(post(urlEqualTo(AGENTS)).withRequestBody(equalToJson("""
            {"name":"Cy Young","email":"cy@example.com","role":"agent"}"""))
        .willReturn(okJson(agent(78, "cy@example.com", "Cy Young", "Cy Young", "agent", "offline", ""))));
    Provider p = provider(true);
    p.apply(create("bob@example.com", map("name", "Bob Stone", "role", "administrator", "availability", "busy",
        "autoOffline", true, "password", new Secret("${env:BOB_PW}", "Bob-pw-1234"))));
    p.apply(create("cy@example.com", map("name", "Cy Young", "password", new Secret("${env:CY_PW}", "Cy-pw-12345"))));

    List<String> order = wm.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getMethod() + " " + r.getUrl()).toList();
    assertEquals(List.of("POST " + USERS, "POST " + ACCOUNT_USERS, "POST " + AGENTS, "POST " + USERS, "POST " + AGENTS),
        order, "the refusal is remembered: the second create does not ask account_users again");
  }

  @Test
  void anAccountTheListFoundUnownedSendsNoAccountUsersRequestOnCreate() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody(NOT_PERMISSIBLE)));
    wm.stubFor(post(urlEqualTo(USERS)).willReturn(okJson(user(77, "bob@example.com", "Bob Stone", null, null))));
    wm.stubFor(post(urlEqualTo(AGENTS)).withRequestBody(equalToJson("""
            {"name":"Bob Stone","email":"bob@example.com","role":"agent"}"""))
        .willReturn(okJson(agent(77, "bob@example.com", "Bob Stone", "Bob Stone", "agent", "offline", ""))));
    Provider p = provider(true);
    assertEquals(List.of(), p.list(declared(List.of("email", "autoOffline"), "bob@example.com")));
    p.apply(create("bob@example.com", map("name", "Bob Stone")));
    wm.verify(0, postRequestedFor(urlEqualTo(ACCOUNT_USERS)));
    wm.verify(1, postRequestedFor(urlEqualTo(AGENTS)));
  }

  @Test
  void aWrongPlatformTokenFailsAPlanThatReadsAccountUsersInsteadOfEveryWriteLater() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Invalid access_token\"}")));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(true, true).list(ALICE_SETS_AVAILABILITY));
    assertError(e, 401, "GET " + ACCOUNT_USERS, "Invalid access_token", "check platformToken");
  }

  @Test
  void anExistingUserIsClaimedUnchangedSoItsProfileIsBroughtInLineButNotItsPassword() {
    wm.stubFor(post(urlEqualTo(USERS)).willReturn(okJson(
        user(12, "bob@example.com", "Robert", null, "{\"team\":\"support\",\"desk\":4}"))));
    wm.stubFor(patch(urlEqualTo(USERS + "/12")).withHeader("api_access_token", equalTo(PLATFORM_TOKEN))
        .withRequestBody(equalToJson("{\"name\":\"Bob Stone\",\"custom_attributes\":{\"team\":\"billing\",\"desk\":null}}"))
        .willReturn(okJson(user(12, "bob@example.com", "Bob Stone", null, "{\"team\":\"billing\",\"desk\":null}"))));
    wm.stubFor(post(urlEqualTo(ACCOUNT_USERS)).withRequestBody(equalToJson("{\"user_id\":12,\"role\":\"administrator\"}"))
        .willReturn(okJson("{\"id\":1,\"account_id\":3,\"user_id\":12,\"role\":\"administrator\"}")));
    provider(true).apply(create("bob@example.com", map("name", "Bob Stone", "role", "administrator",
        "customAttributes", map("team", "billing"), "password", new Secret("${env:BOB_PW}", "Bob-pw-1234"))));
    wm.verify(1, patchRequestedFor(urlEqualTo(USERS + "/12")).withRequestBody(
        com.github.tomakehurst.wiremock.client.WireMock.notContaining("password")));
    wm.verify(0, patchRequestedFor(urlEqualTo(AGENTS + "/12")));
  }

  @Test
  void withoutADeclaredPasswordARandomOneMeetingTheRuleIsSent() {
    wm.stubFor(post(urlEqualTo(USERS)).willReturn(okJson(user(8, "eve@example.com", "Eve", null, null))));
    wm.stubFor(post(urlEqualTo(ACCOUNT_USERS)).willReturn(okJson("{\"id\":1,\"account_id\":3,\"user_id\":8,\"role\":\"agent\"}")));
    Provider p = provider(true);
    Change change = create("eve@example.com", map("name", "Eve"));
    p.apply(change);
    String password = Json.MAPPER.readTree(wm.findAll(postRequestedFor(urlEqualTo(USERS))).get(0).getBodyAsString())
        .get("password").asString();
    assertEquals(24, password.length());
    assertTrue(PasswordRule.valid(password), password);
    assertTrue(p.notes(change).stream().anyMatch(n -> n.contains("random")), p.notes(change).toString());
  }

  @Test
  void platformOnlyAttributesWithoutPlatformTokenFailBeforeAnyRequestAndThePlanSaysSo() {
    Provider p = provider(false);
    Change change = create("bob@example.com", map("name", "Bob", "customAttributes", map("team", "x"),
        "password", new Secret("${env:BOB_PW}", "Bob-pw-1234")));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.apply(change));
    assertTrue(e.getMessage().contains("password, customAttributes need the Platform API: give this instance a platformToken"),
        e.getMessage());
    assertFalse(e.getMessage().contains("Bob-pw-1234"));
    assertTrue(p.notes(change).get(0).startsWith("will fail: password, customAttributes need"), p.notes(change).toString());
    assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size());
  }

  // ------------------------------------------------------------------ update

  @Test
  void membershipAndNameChangesAreOnePatchOfTheAgentKeepingTheCustomRole() {
    LiveAccount live = alice();
    Map<String, Object> attributes = new LinkedHashMap<>(live.attributes());
    attributes.put("customRoleId", 7);
    live = live("42", attributes);
    wm.stubFor(patch(urlEqualTo(AGENTS + "/42")).withHeader("api_access_token", equalTo(API_TOKEN))
        .withRequestBody(equalToJson("""
            {"name":"Alice L.","availability":"busy","auto_offline":true,"role":"administrator","custom_role_id":7}"""))
        .willReturn(okJson(agent(42, "alice@example.com", "Alice L.", "Alice L.", "administrator", "busy", ""))));
    provider(true).apply(update(live, map("email", "alice@example.com", "name", "Alice L.", "role", "administrator",
        "availability", "busy", "autoOffline", true)));
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size(), "nothing for the Platform API to do");
  }

  @Test
  void aRemovedCustomAttributeIsSentAsNullBecauseChatwootOnlyMerges() {
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).withHeader("api_access_token", equalTo(PLATFORM_TOKEN))
        .withRequestBody(equalToJson("{\"custom_attributes\":{\"team\":\"billing\",\"floor\":null}}"))
        .willReturn(okJson(user(42, "alice@example.com", "Alice Liddell", null, "{\"team\":\"billing\",\"floor\":null}"))));
    Provider p = provider(true);
    Change change = update(alice(), map("email", "alice@example.com", "customAttributes", map("team", "billing")));
    p.apply(change);
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size());
    assertTrue(p.notes(change).contains("Chatwoot cannot remove custom attribute keys: floor is set to null"), p.notes(change).toString());
  }

  @Test
  void displayNameGoesThroughThePlatformApi() {
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).withRequestBody(equalToJson("{\"display_name\":\"Al\"}"))
        .willReturn(okJson(user(42, "alice@example.com", "Alice Liddell", "Al", null))));
    provider(true).apply(update(alice(), map("displayName", "Al")));
    wm.verify(1, patchRequestedFor(urlEqualTo(USERS + "/42")));
  }

  @Test
  void aUserThePlatformAppDoesNotOwnIsClaimedThenPatched() {
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).inScenario("claim").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Non permissible resource\"}"))
        .willSetStateTo("claimed"));
    wm.stubFor(post(urlEqualTo(USERS)).withRequestBody(equalToJson("{\"name\":\"Alice Liddell\",\"email\":\"alice@example.com\"}"))
        .willReturn(okJson(user(42, "alice@example.com", "Alice Liddell", null, "{\"team\":\"support\",\"floor\":2}"))));
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).inScenario("claim").whenScenarioStateIs("claimed")
        .withRequestBody(equalToJson("{\"custom_attributes\":{\"team\":\"billing\",\"floor\":null}}"))
        .willReturn(okJson(user(42, "alice@example.com", "Alice Liddell", null, "{\"team\":\"billing\"}"))));
    provider(true).apply(update(alice(), map("customAttributes", map("team", "billing"))));
    wm.verify(2, patchRequestedFor(urlEqualTo(USERS + "/42")));
    wm.verify(1, postRequestedFor(urlEqualTo(USERS)).withRequestBody(
        com.github.tomakehurst.wiremock.client.WireMock.notContaining("password")));
  }

  /** An update as the differ plans a rename: keyed by the new e-mail, against the live agent under the former one. */
  static Change rename(LiveAccount live, String email) {
    Map<String, Object> desired = map("email", email, "name", live.get("name"));
    return new Change("support", ChatwootFactory.TYPE, "p", email, dev.roster.spi.Action.UPDATE,
        List.of(new dev.roster.spi.FieldChange("email", live.get("email"), email, false)), desired, live, null, null);
  }

  @Test
  void aRenameIsOnePatchOfThePlatformUserWithTheNewEmail() {
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).willReturn(okJson(user(42, "alice.liddell@example.com", "Alice Liddell", null,
        null))));
    Provider p = provider(true);
    Change change = rename(alice(), "alice.liddell@example.com");
    p.apply(change);

    wm.verify(1, patchRequestedFor(urlEqualTo(USERS + "/42")).withHeader("api_access_token", equalTo(PLATFORM_TOKEN))
        .withRequestBody(equalToJson("{\"email\":\"alice.liddell@example.com\"}")));
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size(), "nothing through the agents endpoint: it ignores email");
    assertTrue(p.notes(change).stream().anyMatch(n -> n.startsWith("the e-mail is the user's: it changes at once")),
        p.notes(change).toString());
  }

  @Test
  void aRenamedUserThePlatformAppDoesNotOwnIsClaimedByItsLiveEmail() {
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).inScenario("claim").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Non permissible resource\"}"))
        .willSetStateTo("claimed"));
    wm.stubFor(post(urlEqualTo(USERS)).willReturn(okJson(user(42, "alice@example.com", "Alice Liddell", null, null))));
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).inScenario("claim").whenScenarioStateIs("claimed")
        .willReturn(okJson(user(42, "alice.liddell@example.com", "Alice Liddell", null, null))));
    provider(true).apply(rename(alice(), "alice.liddell@example.com"));

    // the new e-mail would create a second user rather than claim this one
    wm.verify(1, postRequestedFor(urlEqualTo(USERS))
        .withRequestBody(equalToJson("{\"name\":\"Alice Liddell\",\"email\":\"alice@example.com\"}")));
    wm.verify(2, patchRequestedFor(urlEqualTo(USERS + "/42"))
        .withRequestBody(equalToJson("{\"email\":\"alice.liddell@example.com\"}")));
  }

  @Test
  void aProfileChangeOfAPendingAgentSaysTheClaimAcceptsItsInvitation() {
    LiveAccount invited = new LiveAccount("42", alice().attributes(), null, true);
    assertTrue(provider(true).notes(update(invited, map("displayName", "Al"))).stream()
        .anyMatch(n -> n.startsWith("the invitation is pending: claiming the user accepts it")));
    assertFalse(provider(true).notes(update(alice(), map("displayName", "Al"))).stream()
        .anyMatch(n -> n.startsWith("the invitation is pending")), "a confirmed agent");
    assertFalse(provider(true).notes(update(invited, map("role", "administrator"))).stream()
        .anyMatch(n -> n.startsWith("the invitation is pending")), "the agents endpoint claims nobody");
  }

  @Test
  void aClaimThatFindsAnotherUserChangesNothing() {
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Non permissible resource\"}")));
    wm.stubFor(post(urlEqualTo(USERS)).willReturn(okJson(user(43, "alice@example.com", "Alice Liddell", null, null))));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> provider(true).apply(update(alice(), map("displayName", "Al"))));
    assertTrue(e.getMessage().contains("returned user 43, not agent 42"), e.getMessage());
    wm.verify(1, patchRequestedFor(urlEqualTo(USERS + "/42")));
  }

  @Test
  void profileChangesWithoutPlatformTokenFailBeforeAnyRequest() {
    Provider p = provider(false);
    Change change = update(alice(), map("role", "administrator", "customAttributes", map("team", "billing")));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.apply(change));
    assertTrue(e.getMessage().contains("customAttributes needs the Platform API: give this instance a platformToken"),
        e.getMessage());
    assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size(), "not even the role: no half-made change");
    assertTrue(p.notes(change).get(0).startsWith("will fail: customAttributes needs"), p.notes(change).toString());
  }

  // ------------------------------------------------------------------ delete

  @Test
  void deleteRemovesTheMembership() {
    wm.stubFor(delete(urlEqualTo(AGENTS + "/42")).withHeader("api_access_token", equalTo(API_TOKEN))
        .willReturn(aResponse().withStatus(200)));
    Provider p = provider(true);
    p.apply(ChatwootTestSupport.delete(alice()));
    wm.verify(1, deleteRequestedFor(urlEqualTo(AGENTS + "/42")).withHeader("api_access_token", equalTo(API_TOKEN))
        .withRequestBody(absent()));
    assertTrue(p.notes(ChatwootTestSupport.delete(alice())).get(0).contains("removes the agent from account 3"));
  }

  @Test
  void anIdThatIsNotANumberNeverReachesAPath() {
    LiveAccount odd = live("../users/1", alice().attributes());
    assertThrows(IllegalStateException.class, () -> provider(true).apply(ChatwootTestSupport.delete(odd)));
    assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size());
  }

  // ------------------------------------------------------------------ plan never writes

  @Test
  void readOnlyListsButRefusesEveryWrite() {
    wm.stubFor(get(urlEqualTo(AGENTS)).willReturn(okJson("[]")));
    wm.stubFor(get(urlEqualTo(ACCOUNT_USERS)).willReturn(okJson("[]")));
    Provider p = provider(true, true);
    assertEquals(List.of(), p.list(ALICE_SETS_AVAILABILITY));
    assertThrows(WriteRefusedException.class, () -> p.apply(create("bob@example.com", map("name", "Bob"))));
    assertThrows(WriteRefusedException.class, () -> p.apply(update(alice(), map("role", "administrator"))));
    assertThrows(WriteRefusedException.class, () -> p.apply(ChatwootTestSupport.delete(alice())));
    assertEquals(2, wm.findAll(anyRequestedFor(anyUrl())).size(), "only the two reads reached the server");
  }

  // ------------------------------------------------------------------ errors

  PlatformException failing(int status, String body, Runnable call) {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl()).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
    return assertThrows(PlatformException.class, call::run);
  }

  void assertError(PlatformException e, int status, String request, String message, String hintPart) {
    assertEquals(status, e.status());
    assertEquals(request, e.request());
    assertEquals(message, e.getMessage());
    assertTrue(e.hint() != null && e.hint().contains(hintPart), e.hint());
    assertFalse(e.describe().contains(API_TOKEN) || e.describe().contains(PLATFORM_TOKEN), e.describe());
  }

  @Test
  void badApiToken() {
    PlatformException e = failing(401, "{\"error\":\"Invalid Access Token\"}", () -> provider(false).list(Declared.none()));
    assertError(e, 401, "GET " + AGENTS, "Invalid Access Token", "check apiToken");
  }

  @Test
  void notAMemberOfTheAccount() {
    PlatformException e = failing(401, "{\"error\":\"You are not authorized to access this account\"}",
        () -> provider(false).list(Declared.none()));
    assertError(e, 401, "GET " + AGENTS, "You are not authorized to access this account", "check accountId");
  }

  @Test
  void anAgentsTokenMayNotManageAgents() {
    PlatformException e = failing(401, "{\"error\":\"You are not authorized to do this action\"}",
        () -> provider(false).apply(ChatwootTestSupport.delete(alice())));
    assertError(e, 401, "DELETE " + AGENTS + "/42", "You are not authorized to do this action", "administrator's access token");
  }

  @Test
  void badPlatformToken() {
    PlatformException e = failing(401, "{\"error\":\"Invalid access_token\"}",
        () -> provider(true).apply(create("bob@example.com", map("name", "Bob"))));
    assertError(e, 401, "POST " + USERS, "Invalid access_token", "check platformToken");
  }

  @Test
  void nonPermissibleResourceIsExplained() {
    // still refused after the claim (the user is not the app's to change even so): the second PATCH fails
    wm.stubFor(patch(urlEqualTo(USERS + "/42")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Non permissible resource\"}")));
    wm.stubFor(post(urlEqualTo(USERS)).willReturn(okJson(user(42, "alice@example.com", "Alice Liddell", null, null))));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(true).apply(update(alice(), map("displayName", "Al"))));
    assertError(e, 401, "PATCH " + USERS + "/42", "Non permissible resource",
        "does not own this: it owns only the users it created or claimed through POST /platform/api/v1/users");
    wm.verify(2, patchRequestedFor(urlEqualTo(USERS + "/42")));
  }

  @Test
  void licenceLimit() {
    PlatformException e = failing(402, "{\"error\":\"Account limit exceeded. Please purchase more licenses\"}",
        () -> provider(false).apply(create("bob@example.com", map("name", "Bob"))));
    assertError(e, 402, "POST " + AGENTS, "Account limit exceeded. Please purchase more licenses", "no agent licence left");
  }

  @Test
  void agentGone() {
    PlatformException e = failing(404, "{\"error\":\"Resource could not be found\"}",
        () -> provider(false).apply(update(alice(), map("role", "administrator"))));
    assertError(e, 404, "PATCH " + AGENTS + "/42", "Resource could not be found", "run 'roster plan' again");
  }

  @Test
  void platformNotFoundIsRailsDefaultBody() {
    PlatformException e = failing(404, "{\"status\":404,\"error\":\"Not Found\"}",
        () -> provider(true).apply(update(alice(), map("displayName", "Al"))));
    assertError(e, 404, "PATCH " + USERS + "/42", "Not Found", "no such user or account");
  }

  @Test
  void recordInvalidNamesTheAttributes() {
    PlatformException e = failing(422, "{\"message\":\"Email has already been taken\",\"attributes\":[\"email\"]}",
        () -> provider(true).apply(create("bob@example.com", map("name", "Bob"))));
    assertError(e, 422, "POST " + USERS, "Email has already been taken (attributes: email)", "refused these values");
  }

  @Test
  void theSwaggerErrorShapeIsReadToo() {
    ChatwootErrors errors = new ChatwootErrors(false);
    assertEquals("Invalid request: email: is invalid",
        errors.message(400, "{\"description\":\"Invalid request\",\"errors\":[{\"field\":\"email\",\"message\":\"is invalid\",\"code\":\"x\"}]}"));
    assertNull(errors.message(500, "not json"));
    assertNull(errors.message(500, "[1,2]"));
  }

  @Test
  void anHtmlErrorPageIsNotDumped() {
    PlatformException e = failing(500, "<html><body>We're sorry, but something went wrong.</body></html>",
        () -> provider(false).list(Declared.none()));
    assertEquals("the server answered with an HTML page instead of JSON", e.getMessage());
  }
}
