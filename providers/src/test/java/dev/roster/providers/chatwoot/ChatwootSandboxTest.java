package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.ChatwootTestSupport.create;
import static dev.roster.providers.chatwoot.ChatwootTestSupport.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.http.WriteRefusedException;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.Secret;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against the stateful sandbox, and the sandbox's own contract (auth, ownership, merge, shapes). */
class ChatwootSandboxTest {
  static final long CW = ChatwootSandbox.CHATWOOT_ACCOUNT;
  static final long KD = ChatwootSandbox.KONVERTE_ACCOUNT;

  ChatwootSandbox sandbox;
  SandboxServer server;

  @BeforeEach
  void start() throws Exception {
    sandbox = new ChatwootSandbox();
    server = new SandboxServer(0, 0, List.of(sandbox));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Provider chatwoot(boolean readOnly) {
    return ChatwootTestSupport.provider(ChatwootTestSupport.config(server.url("chatwoot"), CW, ChatwootSandbox.API_TOKEN,
        ChatwootSandbox.PLATFORM_TOKEN), readOnly);
  }

  Provider konverte() {
    return ChatwootTestSupport.provider(ChatwootTestSupport.config(server.url("chatwoot"), KD, ChatwootSandbox.KONVERTE_TOKEN,
        null), false);
  }

  /** The account as a plan that manages its availability reads it. */
  static LiveAccount find(Provider p, String email) {
    return p.list(ChatwootTestSupport.declared(AgentAttributes.MEMBERSHIP, email)).stream().filter(a -> email.equalsIgnoreCase((String) a.get("email"))).findFirst().orElse(null);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    return ChatwootTestSupport.call(server, method, path, token, body);
  }

  // ------------------------------------------------------------------ provider against the sandbox

  @Test
  void eachAccountListsItsOwnAgentsIncludingItsAdministrator() {
    sandbox.seedDemo();
    List<LiveAccount> support = chatwoot(false).list(Declared.none());
    assertEquals(List.of("alice@example.com", "carol@example.com", "support-admin@example.com"),
        support.stream().map(a -> a.get("email")).toList(), "ordered by name, like Chatwoot");
    LiveAccount alice = support.get(0);
    assertEquals(map("email", "alice@example.com", "name", "Alice Liddell", "role", "agent",
        "autoOffline", false, "customAttributes", map("team", "support")), alice.attributes(),
        "nothing declares the availability: with a platformToken it is left out rather than shown as the presence");
    assertEquals("online", konverte().list(Declared.none()).get(0).get("availability"), "without one, presence is all there is");
    assertEquals(List.of("alice@example.com", "carol@example.com", "konverte-admin@example.com"),
        konverte().list(Declared.none()).stream().map(a -> a.get("email")).toList());
  }

  @Test
  void createWithoutPlatformTokenInvitesAndJoinsTheAccount() {
    Provider p = konverte();
    p.apply(create("Bob@Example.com", map("name", "Bob Stone", "role", "administrator", "availability", "busy",
        "autoOffline", true)));
    LiveAccount bob = find(p, "bob@example.com");
    assertEquals(map("email", "bob@example.com", "name", "Bob Stone", "role", "administrator", "availability", "busy",
        "autoOffline", true, "customAttributes", map()), bob.attributes());
    assertEquals(List.of("bob@example.com"), sandbox.invitations());
    assertFalse(sandbox.ownedByPlatformApp("bob@example.com"));
  }

  @Test
  void createWithPlatformTokenSetsThePasswordAndProfileWithoutAnInvitation() {
    Provider p = chatwoot(false);
    p.apply(create("dave@example.com", map("name", "Dave", "displayName", "D", "customAttributes", map("team", "ops"),
        "availability", "busy", "password", new Secret("${env:PW}", "Dave-pw-987"))));
    LiveAccount dave = find(p, "dave@example.com");
    assertEquals(map("email", "dave@example.com", "name", "Dave", "displayName", "D", "role", "agent",
        "availability", "busy", "autoOffline", true, "customAttributes", map("team", "ops")), dave.attributes(),
        "autoOffline not declared: the membership column's default");
    assertEquals("Dave-pw-987", sandbox.password("dave@example.com"));
    assertEquals(List.of(), sandbox.invitations());
    assertTrue(sandbox.ownedByPlatformApp("dave@example.com"));
    assertEquals(true, sandbox.user("dave@example.com").get("confirmed"));
  }

  @Test
  void createWithPlatformTokenJoinsAnExistingUserBringingItsProfileButKeepingItsPassword() {
    sandbox.seedDemo();
    String before = sandbox.password("alice@example.com");
    Provider p = ChatwootTestSupport.provider(ChatwootTestSupport.config(server.url("chatwoot"), CW,
        ChatwootSandbox.API_TOKEN, ChatwootSandbox.PLATFORM_TOKEN), false);
    // alice is in both accounts; take her out of the Chatwoot one, then declare her again there
    p.apply(ChatwootTestSupport.delete(find(p, "alice@example.com")));
    assertNotNull(sandbox.user("alice@example.com"), "still in Konverte's account: the user stays");
    p.apply(create("alice@example.com", map("name", "Alice L.", "role", "administrator",
        "customAttributes", map("team", "billing"), "password", new Secret("${env:PW}", "Other-pw-123"))));
    LiveAccount alice = find(p, "alice@example.com");
    assertEquals("Alice L.", alice.get("name"));
    assertEquals("administrator", alice.get("role"));
    assertEquals(map("team", "billing"), alice.get("customAttributes"));
    assertEquals(before, sandbox.password("alice@example.com"), "an existing user's password is not changed");
  }

  @Test
  void updatesConvergeAndARemovedCustomAttributeIsNulledNotDeleted() {
    sandbox.seedDemo();
    sandbox.setCustomAttributes("alice@example.com", map("floor", 2));
    Provider p = chatwoot(false);
    Map<String, Object> desired = map("email", "alice@example.com", "name", "Alice Liddell", "displayName", "Al",
        "role", "administrator", "availability", "busy", "autoOffline", true, "customAttributes", map("team", "billing"));
    p.apply(update(find(p, "alice@example.com"), desired));
    LiveAccount alice = find(p, "alice@example.com");
    assertTrue(update(alice, desired).fields().isEmpty(), "converged: " + update(alice, desired).fields());
    Map<String, Object> stored = sandbox.storedCustomAttributes("alice@example.com");
    assertTrue(stored.containsKey("floor") && stored.get("floor") == null, stored.toString());
    assertTrue(sandbox.ownedByPlatformApp("alice@example.com"), "claimed on the way");
    // Konverte sees the user-level changes too: one installation, one user
    LiveAccount inKonverte = find(konverte(), "alice@example.com");
    assertEquals("agent", inKonverte.get("role"));
    assertEquals("Al", inKonverte.get("displayName"));
  }

  @Test
  void deletingTheLastMembershipDeletesTheUser() {
    sandbox.addAgent(CW, "erin@example.com", "Erin", "agent", "offline");
    Provider p = chatwoot(false);
    p.apply(ChatwootTestSupport.delete(find(p, "erin@example.com")));
    assertNull(find(p, "erin@example.com"));
    assertNull(sandbox.user("erin@example.com"));
  }

  @Test
  void onKonvertesAccountWhichThePlatformAppDoesNotOwnTheUserIsCreatedThenJoinedThroughTheAgentsEndpoint() {
    Provider p = ChatwootTestSupport.provider(ChatwootTestSupport.config(server.url("chatwoot"), KD,
        ChatwootSandbox.KONVERTE_TOKEN, ChatwootSandbox.PLATFORM_TOKEN), false);
    p.apply(create("bob@example.com", map("name", "Bob", "role", "administrator", "availability", "busy",
        "customAttributes", map("team", "sales"), "password", new Secret("${env:BOB_PW}", "Bob-pw-1234"))));
    LiveAccount bob = find(p, "bob@example.com");
    assertEquals("administrator", bob.get("role"));
    assertEquals("busy", bob.get("availability"));
    assertEquals(map("team", "sales"), bob.get("customAttributes"));
    assertEquals("Bob-pw-1234", sandbox.password("bob@example.com"));
    assertEquals(List.of(), sandbox.invitations(), "the user existed when it joined: no invitation e-mail");
    assertTrue(server.requests().contains("POST /chatwoot/platform/api/v1/accounts/2/account_users"), server.requests().toString());
  }

  @Test
  void theLicenceLimitIs402() {
    sandbox.setAgentLimit(KD, 1);
    PlatformException e = assertThrows(PlatformException.class, () -> konverte().apply(create("bob@example.com", map())));
    assertEquals(402, e.status());
    assertEquals("Account limit exceeded. Please purchase more licenses", e.getMessage());
  }

  @Test
  void presenceHidesTheAvailabilityUnlessThePlatformApiIsRead() {
    sandbox.seedDemo();
    sandbox.setPresent("alice@example.com", false);
    assertEquals("offline", find(konverte(), "alice@example.com").get("availability"), "not signed in: offline");
    assertEquals("online", find(chatwoot(false), "alice@example.com").get("availability"), "as set, via account_users");
  }

  @Test
  void readOnlyListsButNeverWrites() {
    sandbox.seedDemo();
    Provider plan = chatwoot(true);
    LiveAccount alice = find(plan, "alice@example.com");
    assertThrows(WriteRefusedException.class, () -> plan.apply(create("bob@example.com", map("name", "Bob"))));
    assertThrows(WriteRefusedException.class, () -> plan.apply(update(alice, map("role", "administrator"))));
    assertThrows(WriteRefusedException.class, () -> plan.apply(ChatwootTestSupport.delete(alice)));
    assertTrue(server.requests().stream().allMatch(r -> r.startsWith("GET ")), server.requests().toString());
    assertEquals("agent", find(plan, "alice@example.com").get("role"));
    assertNull(sandbox.user("bob@example.com"));
  }

  @Test
  void seedDemoLeavesDriftForAliceAndAnUndeclaredCarolInBothAccounts() {
    sandbox.seedDemo();
    for (Provider p : List.of(chatwoot(false), konverte())) {
      assertEquals("agent", find(p, "alice@example.com").get("role"));
      assertEquals("Carol Danvers", find(p, "carol@example.com").get("name"));
      assertNull(find(p, "bob@example.com"));
    }
    assertEquals(Map.of("CHATWOOT_API_TOKEN", ChatwootSandbox.API_TOKEN, "CHATWOOT_PLATFORM_TOKEN",
        ChatwootSandbox.PLATFORM_TOKEN, "KONVERTE_API_TOKEN", ChatwootSandbox.KONVERTE_TOKEN), sandbox.environment());
    sandbox.reset();
    assertEquals(1, chatwoot(false).list(Declared.none()).size(), "reset keeps only the administrator and the credentials");
  }

  // ------------------------------------------------------------------ the sandbox's contract, over HTTP

  @Test
  void authFailuresAnswerLikeChatwoot() throws Exception {
    var noToken = call("GET", "/api/v1/accounts/1/agents", null, null);
    assertEquals(401, noToken.statusCode());
    assertEquals("{\"error\":\"Invalid Access Token\"}", noToken.body());
    var otherAccount = call("GET", "/api/v1/accounts/2/agents", ChatwootSandbox.API_TOKEN, null);
    assertEquals(401, otherAccount.statusCode());
    assertEquals("{\"error\":\"You are not authorized to access this account\"}", otherAccount.body());
    var platform = call("POST", "/platform/api/v1/users", ChatwootSandbox.API_TOKEN, "{}");
    assertEquals(401, platform.statusCode());
    assertEquals("{\"error\":\"Invalid access_token\"}", platform.body());
    sandbox.addAgent(CW, "agent@example.com", "Agent", "agent", "online");
    String agentToken = (String) sandbox.user("agent@example.com").get("access_token");
    assertEquals(200, call("GET", "/api/v1/accounts/1/agents", agentToken, null).statusCode(), "any member may list");
    var write = call("POST", "/api/v1/accounts/1/agents", agentToken, "{\"email\":\"x@example.com\"}");
    assertEquals(401, write.statusCode());
    assertEquals("{\"error\":\"You are not authorized to do this action\"}", write.body());
  }

  @Test
  void platformUsersFollowTheOwnershipRule() throws Exception {
    sandbox.seedDemo();
    long carol = ((Number) sandbox.user("carol@example.com").get("id")).longValue();
    String p = ChatwootSandbox.PLATFORM_TOKEN;
    var foreign = call("GET", "/platform/api/v1/users/" + carol, p, null);
    assertEquals(401, foreign.statusCode());
    assertEquals("{\"error\":\"Non permissible resource\"}", foreign.body());
    assertEquals(404, call("GET", "/platform/api/v1/users/999", p, null).statusCode(), "find comes before permission");
    var claim = call("POST", "/platform/api/v1/users", p, "{\"name\":\"Someone Else\",\"email\":\"CAROL@example.com\",\"password\":\"x\"}");
    assertEquals(200, claim.statusCode());
    assertTrue(claim.body().contains("\"name\":\"Carol Danvers\""), "returned unchanged: " + claim.body());
    assertEquals(200, call("GET", "/platform/api/v1/users/" + carol, p, null).statusCode(), "claimed");
    var merged = call("PATCH", "/platform/api/v1/users/" + carol, p, "{\"custom_attributes\":{\"a\":1}}");
    assertTrue(merged.body().contains("\"custom_attributes\":{\"a\":1}"), merged.body());
    var again = call("PATCH", "/platform/api/v1/users/" + carol, p, "{\"custom_attributes\":{\"b\":2,\"a\":null}}");
    assertTrue(again.body().contains("\"custom_attributes\":{\"a\":null,\"b\":2}"), again.body());
  }

  @Test
  void anAgentInvitedForANewUserIsPendingUntilItConfirmsAndAPlatformUserIsNot() {
    konverte().apply(create("bob@example.com", map("name", "Bob Stone")));
    chatwoot(false).apply(create("dave@example.com", map("name", "Dave")));

    assertEquals(false, sandbox.agents(KD).stream().filter(a -> a.get("email").equals("bob@example.com")).findFirst()
        .orElseThrow().get("confirmed"), "a confirmation e-mail was sent");
    assertTrue(find(konverte(), "bob@example.com").pending());
    assertFalse(find(chatwoot(false), "dave@example.com").pending(), "the Platform API skips confirmation");
    assertFalse(find(konverte(), ChatwootSandbox.KONVERTE_ADMIN).pending());
  }

  @Test
  void claimingAnInvitedUserThroughThePlatformApiConfirmsIt() throws Exception {
    konverte().apply(create("bob@example.com", map("name", "Bob Stone")));
    var claim = call("POST", "/platform/api/v1/users", ChatwootSandbox.PLATFORM_TOKEN,
        "{\"name\":\"Someone\",\"email\":\"bob@example.com\"}");
    assertEquals(200, claim.statusCode(), claim.body());
    assertTrue(claim.body().contains("\"name\":\"Bob Stone\""), "otherwise unchanged: " + claim.body());
    assertTrue(claim.body().contains("\"confirmed\":true"), "Chatwoot's create skips confirmation on the user it finds");
    assertFalse(find(konverte(), "bob@example.com").pending());
  }

  @Test
  void aPlatformEmailChangeIsMadeAtOnceWithoutAConfirmation() throws Exception {
    sandbox.seedDemo();
    long carol = ((Number) sandbox.user("carol@example.com").get("id")).longValue();
    String p = ChatwootSandbox.PLATFORM_TOKEN;
    call("POST", "/platform/api/v1/users", p, "{\"name\":\"Carol\",\"email\":\"carol@example.com\"}"); // claimed
    var taken = call("PATCH", "/platform/api/v1/users/" + carol, p, "{\"email\":\"Alice@example.com\"}");
    assertEquals(422, taken.statusCode());
    assertEquals("{\"message\":\"Email has already been taken\",\"attributes\":[\"email\"]}", taken.body());

    var renamed = call("PATCH", "/platform/api/v1/users/" + carol, p, "{\"email\":\"Carol.D@example.com\"}");
    assertEquals(200, renamed.statusCode(), renamed.body());
    assertTrue(renamed.body().contains("\"email\":\"carol.d@example.com\""), "down-cased: " + renamed.body());
    assertTrue(renamed.body().contains("\"uid\":\"carol@example.com\""), "the uid is set on create only: " + renamed.body());
    LiveAccount listed = find(chatwoot(false), "carol.d@example.com");
    assertEquals(String.valueOf(carol), listed.id(), "the agents list shows the new e-mail at once");
    assertNull(find(chatwoot(false), "carol@example.com"));
    assertEquals(List.of(), sandbox.invitations());
  }

  @Test
  void platformValidationAnswers422WithMessageAndAttributes() throws Exception {
    String p = ChatwootSandbox.PLATFORM_TOKEN;
    var weak = call("POST", "/platform/api/v1/users", p, "{\"name\":\"N\",\"email\":\"n@example.com\",\"password\":\"weakpass\"}");
    assertEquals(422, weak.statusCode());
    assertTrue(weak.body().contains("\"attributes\":[\"password\"]"), weak.body());
    var blank = call("POST", "/platform/api/v1/users", p, "{\"name\":\"N\",\"email\":\"n@example.com\"}");
    assertEquals("{\"message\":\"Password can't be blank\",\"attributes\":[\"password\"]}", blank.body());
    var noName = call("POST", "/platform/api/v1/users", p, "{\"email\":\"n@example.com\",\"password\":\"Good-pw-123\"}");
    assertEquals(500, noName.statusCode(), "users.name is NOT NULL without a validation");
    var badRole = call("PATCH", "/api/v1/accounts/1/agents/1", ChatwootSandbox.API_TOKEN, "{\"role\":\"owner\"}");
    assertEquals(500, badRole.statusCode(), "a Rails enum raises on an unknown value");
    var swaggerWord = call("POST", "/api/v1/accounts/1/agents", ChatwootSandbox.API_TOKEN,
        "{\"agent\":{\"name\":\"Z\",\"email\":\"z@example.com\",\"availability\":\"available\"}}");
    assertEquals(500, swaggerWord.statusCode(), "'available' is the swagger's word, not the enum's");
    var twice = call("POST", "/api/v1/accounts/1/agents", ChatwootSandbox.API_TOKEN,
        "{\"name\":\"A\",\"email\":\"support-admin@example.com\"}");
    assertEquals(422, twice.statusCode());
  }

  @Test
  void accountUsersUpsertAndDeleteWithABody() throws Exception {
    String p = ChatwootSandbox.PLATFORM_TOKEN;
    var user = call("POST", "/platform/api/v1/users", p, "{\"name\":\"F\",\"email\":\"f@example.com\",\"password\":\"Good-pw-123\"}");
    long id = Long.parseLong(user.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    assertEquals(200, call("POST", "/platform/api/v1/accounts/1/account_users", p, "{\"user_id\":" + id + ",\"role\":\"agent\"}").statusCode());
    var upsert = call("POST", "/platform/api/v1/accounts/1/account_users", p, "{\"user_id\":" + id + ",\"role\":\"administrator\"}");
    assertTrue(upsert.body().contains("\"role\":\"administrator\""), upsert.body());
    assertEquals(2, sandbox.agents(CW).size());
    assertEquals(200, call("DELETE", "/platform/api/v1/accounts/1/account_users", p, "{\"user_id\":" + id + "}").statusCode());
    assertEquals(200, call("DELETE", "/platform/api/v1/accounts/1/account_users", p, "{\"user_id\":" + id + "}").statusCode(),
        "200 even when there is nothing to delete");
    assertEquals(1, sandbox.agents(CW).size());
  }
}
