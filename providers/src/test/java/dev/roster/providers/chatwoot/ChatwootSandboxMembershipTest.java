package dev.roster.providers.chatwoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's teams and inboxes follow Chatwoot's rules: team names in lower case, POST adds and
 * DELETE removes the agents named, PATCH replaces the whole list, only agents of the account can be
 * members, only administrators change members, and an agent removed from the account leaves its
 * teams and inboxes there. Seeded (seedDemo): alice and carol in team sales (id 2), alice in inbox
 * Website (id 1), carol in inbox Support email (id 2).
 */
class ChatwootSandboxMembershipTest {
  static final long CW = ChatwootSandbox.CHATWOOT_ACCOUNT;
  static final String ADMIN = ChatwootSandbox.API_TOKEN;
  static final String SALES_MEMBERS = "/api/v1/accounts/1/teams/2/team_members";
  static final String INBOX_MEMBERS = "/api/v1/accounts/1/inbox_members";

  ChatwootSandbox sandbox;
  SandboxServer server;

  @BeforeEach
  void start() throws Exception {
    sandbox = new ChatwootSandbox();
    sandbox.seedDemo();
    server = new SandboxServer(0, 0, List.of(sandbox));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    return ChatwootTestSupport.call(server, method, path, token, body);
  }

  long id(String email) {
    return ((Number) sandbox.user(email).get("id")).longValue();
  }

  static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.path("name").asString()));
    return names;
  }

  @Test
  void teamNamesAreStoredInLowerCaseAndInboxNamesAsTyped() throws Exception {
    HttpResponse<String> teams = call("GET", "/api/v1/accounts/1/teams", ADMIN, null);
    assertEquals(200, teams.statusCode());
    assertEquals(List.of("billing", "sales"), names(Json.MAPPER.readTree(teams.body())));
    HttpResponse<String> inboxes = call("GET", "/api/v1/accounts/1/inboxes", ADMIN, null);
    assertEquals(List.of("Website", "Support email"), names(Json.MAPPER.readTree(inboxes.body()).path("payload")));
  }

  @Test
  void postAddsTheAgentsNamedDeleteRemovesThemAndPatchReplacesTheWholeTeam() throws Exception {
    String bob = "{\"user_ids\":[" + id("support-admin@example.com") + "]}";
    assertEquals(200, call("POST", SALES_MEMBERS, ADMIN, bob).statusCode());
    assertEquals(List.of("sales"), sandbox.teamsOf(CW, "support-admin@example.com"));
    assertEquals(List.of("sales"), sandbox.teamsOf(CW, "carol@example.com"), "the others stay");

    assertEquals(200, call("DELETE", SALES_MEMBERS, ADMIN, "{\"user_ids\":[" + id("carol@example.com") + "]}").statusCode());
    assertEquals(List.of(), sandbox.teamsOf(CW, "carol@example.com"));
    assertEquals(List.of("sales"), sandbox.teamsOf(CW, "alice@example.com"));

    HttpResponse<String> replaced = call("PATCH", SALES_MEMBERS, ADMIN, bob);
    assertEquals(200, replaced.statusCode());
    assertEquals(List.of(), sandbox.teamsOf(CW, "alice@example.com"), "PATCH keeps only the agents it names");
    assertEquals(List.of("Support Admin"), names(Json.MAPPER.readTree(replaced.body())));
  }

  @Test
  void theSameForInboxesWithTheInboxIdInTheBody() throws Exception {
    long carol = id("carol@example.com");
    assertEquals(200, call("POST", INBOX_MEMBERS, ADMIN, "{\"inbox_id\":1,\"user_ids\":[" + carol + "]}").statusCode());
    assertEquals(List.of("Website", "Support email"), sandbox.inboxesOf(CW, "carol@example.com"));
    assertEquals(List.of("Website"), sandbox.inboxesOf(CW, "alice@example.com"), "the others stay");

    assertEquals(200, call("DELETE", INBOX_MEMBERS, ADMIN, "{\"inbox_id\":\"2\",\"user_ids\":[" + carol + "]}").statusCode());
    assertEquals(List.of("Website"), sandbox.inboxesOf(CW, "carol@example.com"));

    HttpResponse<String> members = call("GET", INBOX_MEMBERS + "/1", ADMIN, null);
    assertEquals(List.of("Alice Liddell", "Carol Danvers"), names(Json.MAPPER.readTree(members.body()).path("payload")));
    assertEquals(200, call("PATCH", INBOX_MEMBERS, ADMIN, "{\"inbox_id\":1,\"user_ids\":[" + carol + "]}").statusCode());
    assertEquals(List.of(), sandbox.inboxesOf(CW, "alice@example.com"), "PATCH keeps only the agents it names");
  }

  @Test
  void onlyAgentsOfTheAccountCanBeMembers() throws Exception {
    long konverteOnly = id("konverte-admin@example.com");
    HttpResponse<String> team = call("POST", SALES_MEMBERS, ADMIN, "{\"user_ids\":[" + konverteOnly + "]}");
    assertEquals(401, team.statusCode());
    assertEquals("Invalid User IDs", Json.MAPPER.readTree(team.body()).path("error").asString());
    HttpResponse<String> inbox = call("POST", INBOX_MEMBERS, ADMIN, "{\"inbox_id\":1,\"user_ids\":[" + konverteOnly + "]}");
    assertEquals(422, inbox.statusCode());
    assertEquals(422, call("POST", INBOX_MEMBERS, ADMIN, "{\"inbox_id\":1}").statusCode(), "user_ids is required");
  }

  @Test
  void unknownTeamsAndInboxesAre404() throws Exception {
    assertEquals(404, call("GET", "/api/v1/accounts/1/teams/99/team_members", ADMIN, null).statusCode());
    assertEquals(404, call("GET", INBOX_MEMBERS + "/99", ADMIN, null).statusCode());
    assertEquals(404, call("DELETE", INBOX_MEMBERS, ADMIN, "{\"inbox_id\":99,\"user_ids\":[1]}").statusCode());
    assertEquals(404, call("GET", "/api/v1/accounts/2/teams/1/team_members", ChatwootSandbox.KONVERTE_TOKEN, null).statusCode(),
        "team 1 is account 1's");
  }

  @Test
  void anAgentMayReadButNotChangeMembersAndSeesOnlyItsOwnInboxes() throws Exception {
    String alice = sandbox.accessToken("alice@example.com");
    assertEquals(200, call("GET", SALES_MEMBERS, alice, null).statusCode());
    assertEquals(401, call("POST", SALES_MEMBERS, alice, "{\"user_ids\":[" + id("alice@example.com") + "]}").statusCode());
    assertEquals(401, call("DELETE", INBOX_MEMBERS, alice, "{\"inbox_id\":1,\"user_ids\":[1]}").statusCode());
    HttpResponse<String> inboxes = call("GET", "/api/v1/accounts/1/inboxes", alice, null);
    assertEquals(List.of("Website"), names(Json.MAPPER.readTree(inboxes.body()).path("payload")));
    assertEquals(401, call("GET", INBOX_MEMBERS + "/2", alice, null).statusCode(), "not a member of Support email");
  }

  @Test
  void anAgentRemovedFromTheAccountLeavesItsTeamsAndInboxesThere() throws Exception {
    long alice = id("alice@example.com");
    assertEquals(200, call("DELETE", "/api/v1/accounts/1/agents/" + alice, ADMIN, null).statusCode());
    assertNotNull(sandbox.user("alice@example.com"), "still in the Konverte account");
    JsonNode sales = Json.MAPPER.readTree(call("GET", SALES_MEMBERS, ADMIN, null).body());
    assertEquals(List.of("Carol Danvers"), names(sales));
    JsonNode website = Json.MAPPER.readTree(call("GET", INBOX_MEMBERS + "/1", ADMIN, null).body());
    assertTrue(website.path("payload").isEmpty(), website.toString());
    assertEquals(List.of(), sandbox.teamsOf(CW, "alice@example.com"), "gone, not only hidden");
    assertEquals(List.of(), sandbox.inboxesOf(CW, "alice@example.com"), "gone, not only hidden");
  }
}
