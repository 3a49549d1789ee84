package dev.roster.providers.keitaro;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestStats;
import dev.roster.http.WriteRefusedException;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.FieldChange;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact wire format of every Keitaro request, and each error as the user sees it. */
class KeitaroWireTest {
  static final String KEY = "wire-test-key";
  WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  Provider provider(boolean readOnly) {
    var http = new HttpClients(HttpSettings.defaults().withMaxAttempts(1, java.time.Duration.ofSeconds(1)), readOnly,
        new RequestStats(), s -> {});
    var config = new InstanceConfig("tracker", "keitaro", Map.of("url", wm.baseUrl() + "/", "apiKey", new Secret("${env:K}", KEY)));
    return new KeitaroFactory().create(config, new ProviderContext(http, 2));
  }

  static Change change(Action action, Map<String, Object> desired, LiveAccount live, List<FieldChange> fields) {
    return new Change("tracker", "keitaro", "alice", "alice", action, fields, desired, live, null, null);
  }

  @Test
  void listReadsAllUsersOnceSkipsDeletedOnesAndMapsAccessRights() {
    wm.stubFor(get("/admin_api/v1/users").withHeader("Api-Key", equalTo(KEY)).willReturn(okJson("""
        [{"id":1,"login":"alice","type":"ADMIN","state":"active","preferences":{"language":"en","timezone":"UTC"},
          "access_data":{"offers_access_type":"read_only","campaigns_access_type":"full_access","resources":[],"allowed_resources":["x"],"reports":[]},
          "key_count":1},
         {"id":2,"login":"olga","type":"USER","state":"deleted"}]""")));
    List<LiveAccount> live = provider(true).list(Declared.none());
    assertEquals(1, live.size());
    assertEquals("1", live.get(0).id());
    assertEquals(Map.of("login", "alice", "type", "ADMIN", "preferences", Map.of("language", "en", "timezone", "UTC"),
        "access", Map.of("offers", "read_only", "campaigns", "full_access", "resources", List.of(), "reports", List.of())),
        live.get(0).attributes());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an object       | 200 | {"users":[]}                          | the answer is an object, not a list of users
      no body         | 200 |                                       | the answer has no body: a list of users was expected
      204             | 204 |                                       | the answer has no body: a list of users was expected
      not an object   | 200 | ["alice"]                             | user 1 of 1 in the answer is a string, not an object
      a user no id    | 200 | [{"id":1,"login":"a"},{"login":"b"}]  | user 2 of 2 in the answer has no id
      an id as text   | 200 | [{"id":"1","login":"a"}]              | user 1 of 1 in the answer has no id
      a user no login | 200 | [{"id":1,"login":"a"},{"id":2}]       | user 2 of 2 in the answer has no login
      a blank login   | 200 | [{"id":1,"login":""}]                 | user 1 of 1 in the answer has no login
      """)
  void aUsersAnswerWithoutTheDocumentedShapeFailsTheRead(String what, int status, String body, String message) {
    wm.stubFor(get("/admin_api/v1/users").willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body == null ? "" : body)));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(true).list(Declared.none()));
    assertEquals("GET /admin_api/v1/users", e.request());
    assertEquals(message, e.getMessage());
    assertEquals("check url: the tracker's address, without /admin_api/v1", e.hint());
  }

  @Test
  void aDeletedUserIsLeftOutWhateverItStillHolds() {
    wm.stubFor(get("/admin_api/v1/users").willReturn(okJson("[{\"id\":2,\"state\":\"deleted\"}]")));
    assertEquals(List.of(), provider(true).list(Declared.none()));
  }

  @Test
  void createSendsLoginPasswordTwiceAndTypeThenAccessSeparately() {
    wm.stubFor(post("/admin_api/v1/users").willReturn(okJson("{\"id\":42,\"login\":\"alice\",\"type\":\"USER\"}")));
    wm.stubFor(put("/admin_api/v1/users/42/access").willReturn(okJson("{\"id\":42}")));
    provider(false).apply(change(Action.CREATE, Map.of("login", "alice", "type", "USER",
        "preferences", Map.of("language", "en"), "password", new Secret("${env:P}", "Pw-123456"),
        "access", Map.of("offers", "read_only", "reports", List.of("clicks"))), null, List.of()));
    wm.verify(postRequestedFor(urlEqualTo("/admin_api/v1/users"))
        .withHeader("Api-Key", equalTo(KEY))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("""
            {"login":"alice","new_password":"Pw-123456","new_password_confirmation":"Pw-123456","type":"USER",
             "preferences":{"language":"en"}}""")));
    wm.verify(putRequestedFor(urlEqualTo("/admin_api/v1/users/42/access"))
        .withRequestBody(equalToJson("{\"access_data\":{\"offers_access_type\":\"read_only\",\"reports\":[\"clicks\"]}}")));
  }

  @Test
  void createWithoutAPasswordSendsAStrongRandomOne() {
    wm.stubFor(post("/admin_api/v1/users").willReturn(okJson("{\"id\":7}")));
    provider(false).apply(change(Action.CREATE, Map.of("login", "alice"), null, List.of()));
    wm.verify(postRequestedFor(urlEqualTo("/admin_api/v1/users"))
        .withRequestBody(matchingJsonPath("$.new_password", com.github.tomakehurst.wiremock.client.WireMock.matching(".{24}")))
        .withRequestBody(matchingJsonPath("$.type", equalTo("USER"))));
  }

  @Test
  void updateSendsOnlyWhatChangedAndKeepsUnmanagedPreferencesAndRights() {
    wm.stubFor(put("/admin_api/v1/users/5").willReturn(okJson("{\"id\":5}")));
    wm.stubFor(put("/admin_api/v1/users/5/access").willReturn(okJson("{\"id\":5}")));
    LiveAccount live = new LiveAccount("5", Map.of("login", "alice", "type", "USER",
        "preferences", Map.of("language", "en", "timezone", "UTC"), "access", Map.of("offers", "full_access", "domains", "read_only")));
    provider(false).apply(change(Action.UPDATE, Map.of("login", "alice", "type", "ADMIN",
        "preferences", Map.of("timezone", "Europe/Berlin"), "access", Map.of("offers", "read_only")), live, List.of(
            new FieldChange("type", "USER", "ADMIN", false),
            new FieldChange("preferences.timezone", "UTC", "Europe/Berlin", false),
            new FieldChange("access.offers", "full_access", "read_only", false))));
    wm.verify(putRequestedFor(urlEqualTo("/admin_api/v1/users/5"))
        .withRequestBody(equalToJson("{\"type\":\"ADMIN\",\"preferences\":{\"language\":\"en\",\"timezone\":\"Europe/Berlin\"}}")));
    wm.verify(putRequestedFor(urlEqualTo("/admin_api/v1/users/5/access")).withRequestBody(equalToJson(
        "{\"access_data\":{\"offers_access_type\":\"read_only\",\"domains_access_type\":\"read_only\"}}")));
  }

  @Test
  void aRenameSendsTheNewLoginToTheSameId() {
    wm.stubFor(put("/admin_api/v1/users/5").willReturn(okJson("{\"id\":5}")));
    LiveAccount live = new LiveAccount("5", Map.of("login", "alice", "type", "USER"));
    provider(false).apply(new Change("tracker", "keitaro", "alice", "alice.liddell", Action.UPDATE,
        List.of(new FieldChange("login", "alice", "alice.liddell", false)), Map.of("login", "alice.liddell"), live, null, null));
    wm.verify(1, putRequestedFor(urlEqualTo("/admin_api/v1/users/5")).withRequestBody(equalToJson("{\"login\":\"alice.liddell\"}")));
    assertEquals(1, wm.getAllServeEvents().size(), "one request: no access call, no create, no delete");
  }

  @Test
  void deleteAccepts201() {
    wm.stubFor(delete("/admin_api/v1/users/9").willReturn(aResponse().withStatus(201).withBody("User successfully deleted")));
    provider(false).apply(change(Action.DELETE, Map.of(), new LiveAccount("9", Map.of("login", "alice")), List.of()));
    wm.verify(deleteRequestedFor(urlEqualTo("/admin_api/v1/users/9")).withHeader("Api-Key", equalTo(KEY)));
  }

  @Test
  void anIdThatIsNotANumberNeverReachesAPath() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider(false)
        .apply(change(Action.DELETE, Map.of(), new LiveAccount("../settings", Map.of("login", "x")), List.of())));
    assertEquals("Keitaro user id '../settings' is not a number; refusing to build a URL from it", e.getMessage());
    assertEquals(0, wm.getAllServeEvents().size());
  }

  @Test
  void planModeCannotWrite() {
    assertThrows(WriteRefusedException.class, () -> provider(true)
        .apply(change(Action.DELETE, Map.of(), new LiveAccount("9", Map.of("login", "alice")), List.of())));
    assertEquals(0, wm.getAllServeEvents().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      401 | {"error":"Unauthorized"}                              | GET /admin_api/v1/users: HTTP 401: Unauthorized (the tracker rejected the API key: check apiKey (Maintenance > Users > Admin API keys))
      402 | {"error":"Admin API is not available in that edition"} | GET /admin_api/v1/users: HTTP 402: Admin API is not available in that edition (the Admin API is not available in this Keitaro edition)
      404 | {"error":"Not found"}                                 | GET /admin_api/v1/users: HTTP 404: Not found (the user is gone from the tracker: run 'roster plan' again)
      406 | {"login":["Login already exists"],"type":["bad"]}     | GET /admin_api/v1/users: HTTP 406: login: Login already exists; type: bad (the tracker refused these field values)
      500 | <html>oops</html>                                     | GET /admin_api/v1/users: HTTP 500: the server answered with an HTML page instead of JSON
      """)
  void errorsAreShownAsThePlatformSaidThem(int status, String body, String expected) {
    wm.stubFor(get("/admin_api/v1/users").willReturn(aResponse().withStatus(status).withBody(body)));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(true).list(Declared.none()));
    assertEquals(expected, e.describe());
    assertEquals(status, e.status());
  }
}
