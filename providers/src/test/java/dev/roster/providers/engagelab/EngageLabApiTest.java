package dev.roster.providers.engagelab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.http.HttpClients;
import dev.roster.http.HttpSettings;
import dev.roster.http.RequestStats;
import dev.roster.http.WriteRefusedException;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Json;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every request pinned: method, path, Basic auth, exact body; and each code's message and hint. */
class EngageLabApiTest {
  static final String KEY = "key-7f3a9c";
  static final String SECRET = "secret-b81e44d0";
  /** base64("key-7f3a9c:secret-b81e44d0"), computed by hand, not by the code under test. */
  static final String AUTH = "Basic a2V5LTdmM2E5YzpzZWNyZXQtYjgxZTQ0ZDA=";

  WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  EngageLabProvider provider(boolean readOnly) {
    InstanceConfig config = new InstanceConfig("marketing", "engagelab", Map.of(
        "url", wm.baseUrl() + "/",
        "apiKey", new Secret("${env:ENGAGELAB_API_KEY}", KEY),
        "apiSecret", new Secret("${env:ENGAGELAB_API_SECRET}", SECRET),
        "state", "roster-state/marketing.json"));
    HttpSettings settings = HttpSettings.defaults();
    Provider p = new EngageLabFactory().create(config,
        new ProviderContext(new HttpClients(settings, readOnly, new RequestStats(), s -> {}), 4));
    return (EngageLabProvider) p;
  }

  void stubRegister(String userId, long euid) {
    wm.stubFor(post("/v1/user/register")
        .withRequestBody(equalToJson("{\"identity_name\":\"user_id\",\"identity_values\":[\"" + userId + "\"]}"))
        .willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":[{\"identity_value\":\"" + userId
            + "\",\"euid\":" + euid + "}]}")));
  }

  void stubOk(String path) {
    wm.stubFor(post(path).willReturn(okJson("{\"code\":0,\"message\":\"success\"}")));
  }

  @Test
  void createRegistersThenSetsEveryPropertyAndTheContactsWithBasicAuth() {
    stubRegister("alice@example.com", 10362473);
    stubOk("/v1/user/property");
    stubOk("/v1/user/contact");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("plan", "pro");
    properties.put("seats", 5);
    properties.put("trial", false);
    properties.put("renewal", "2026-03-01 09:30:00");
    provider(false).apply(Changes.create("alice@example.com", Map.of(
        "userId", "alice@example.com",
        "properties", properties,
        "contacts", Map.of("email", "alice@example.com", "mobilePhone", "+6591234567"))));

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/register"))
        .withHeader("Authorization", equalTo(AUTH))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"identity_name\":\"user_id\",\"identity_values\":[\"alice@example.com\"]}")));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/property"))
        .withHeader("Authorization", equalTo(AUTH))
        .withRequestBody(equalToJson("""
            {"euid":10362473,"type":"set","properties":{"plan":"pro","seats":5,"trial":false,"renewal":"2026-03-01 09:30:00"}}""")));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/contact"))
        .withHeader("Authorization", equalTo(AUTH))
        .withRequestBody(equalToJson("""
            {"euid":10362473,"contacts":{"email":"alice@example.com","mobile_phone":"+6591234567"}}""")));
    assertEquals(3, wm.getAllServeEvents().size());
  }

  @Test
  void createWithOnlyAUserIdStillRegistersIt() {
    stubRegister("bob@example.com", 7);
    provider(false).apply(Changes.create("bob@example.com", Map.of("userId", "bob@example.com")));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/register")));
    assertEquals(1, wm.getAllServeEvents().size());
  }

  @Test
  void updateSetsOnlyChangedPropertiesAndDeletesRemovedOnesWithTheirLastValue() {
    stubRegister("alice@example.com", 42);
    stubOk("/v1/user/property");
    provider(false).apply(Changes.update("alice@example.com",
        Map.of("userId", "alice@example.com", "properties", Map.of("plan", "team", "seats", 5)),
        Map.of("userId", "alice@example.com", "properties", Map.of("plan", "pro", "seats", 5.0, "trial", true, "tier", "gold"),
            "contacts", Map.of("email", "alice@example.com"))));

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/property"))
        .withRequestBody(equalToJson("{\"euid\":42,\"type\":\"set\",\"properties\":{\"plan\":\"team\"}}")));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/property"))
        .withRequestBody(equalToJson("{\"euid\":42,\"type\":\"delete\",\"properties\":{\"trial\":true,\"tier\":\"gold\"}}")));
    // contacts no longer declared are left alone (SUBSET; they cannot be cleared anyway)
    assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/v1/user/contact"))).size());
    assertEquals(3, wm.getAllServeEvents().size());
  }

  @Test
  void updateOfAContactSendsTheDeclaredContactsOnly() {
    stubRegister("alice@example.com", 42);
    stubOk("/v1/user/contact");
    provider(false).apply(Changes.update("alice@example.com",
        Map.of("userId", "alice@example.com", "contacts", Map.of("mobilePhone", "+6590000000")),
        Map.of("userId", "alice@example.com", "contacts", Map.of("mobilePhone", "+6591111111", "email", "a@example.com"),
            "properties", Map.of("plan", "pro"))));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/contact"))
        .withRequestBody(equalToJson("{\"euid\":42,\"contacts\":{\"mobile_phone\":\"+6590000000\"}}")));
    // properties not declared at all: not managed any more, so nothing is cleared
    assertEquals(0, wm.findAll(postRequestedFor(urlEqualTo("/v1/user/property"))).size());
  }

  @Test
  void deleteClearsThePropertiesLastSetAndNeverClaimsToDeleteTheUser() {
    stubRegister("carol@example.com", 9);
    stubOk("/v1/user/property");
    EngageLabProvider p = provider(false);
    Change delete = Changes.delete("carol@example.com",
        Map.of("userId", "carol@example.com", "properties", Map.of("plan", "pro", "seats", 3)));
    p.apply(delete);
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/property"))
        .withRequestBody(equalToJson("{\"euid\":9,\"type\":\"delete\",\"properties\":{\"plan\":\"pro\",\"seats\":3}}")));
    assertEquals(2, wm.getAllServeEvents().size());
    String notes = String.join("\n", p.notes(delete));
    assertTrue(notes.contains("EngageLab cannot delete users") && notes.contains("clears the properties it last set (plan, seats)")
        && notes.contains("keeps the user"), notes);
  }

  @Test
  void deleteWithNothingToClearSendsNothing() {
    EngageLabProvider p = provider(false);
    Change delete = Changes.delete("dave@example.com", Map.of("userId", "dave@example.com"));
    p.apply(delete);
    assertEquals(0, wm.getAllServeEvents().size(), "registering would only re-create the user");
    assertTrue(String.join("\n", p.notes(delete)).contains("Roster sends nothing"));
  }

  @Test
  void prepareRegisters250UserIdsIn3BatchesOf100And100And50ThenApplyRegistersNoMore() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      ids.add(String.format("user%03d@example.com", i));
    }
    for (int b = 0; b < 3; b++) {
      List<String> batch = ids.subList(b * 100, Math.min(250, b * 100 + 100));
      List<Map<String, Object>> data = new ArrayList<>();
      batch.forEach(id -> data.add(Map.of("identity_value", id, "euid", 1000 + ids.indexOf(id))));
      wm.stubFor(post("/v1/user/register")
          .withRequestBody(equalToJson(Json.MAPPER.writeValueAsString(Map.of("identity_name", "user_id", "identity_values", batch))))
          .willReturn(okJson(Json.MAPPER.writeValueAsString(Map.of("code", 0, "message", "success", "data", data)))));
    }
    stubOk("/v1/user/property");
    EngageLabProvider p = provider(false);
    List<Change> changes = ids.stream()
        .map(id -> Changes.create(id, Map.of("userId", id, "properties", Map.of("plan", "pro")))).toList();
    p.prepare(changes);
    assertEquals(3, wm.findAll(postRequestedFor(urlEqualTo("/v1/user/register"))).size());

    changes.parallelStream().forEach(p::apply);
    assertEquals(3, wm.findAll(postRequestedFor(urlEqualTo("/v1/user/register"))).size(), "euids are cached");
    assertEquals(250, wm.findAll(postRequestedFor(urlEqualTo("/v1/user/property"))).size());
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/user/property"))
        .withRequestBody(equalToJson("{\"euid\":1249,\"type\":\"set\",\"properties\":{\"plan\":\"pro\"}}")));
  }

  @Test
  void aUserIdMissingFromARegisterAnswerFailsThatChangeOnly() {
    wm.stubFor(post("/v1/user/register").willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":[]}")));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(false).apply(Changes.create("x@example.com", Map.of("userId", "x@example.com"))));
    assertTrue(e.getMessage().contains("without an euid"), e.getMessage());
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource(delimiter = '|', value = {
      "40050 | API authentication failed          | check apiKey and apiSecret",
      "40007 | EUID empty                         | the request carried no EUID",
      "50031 | invalid project ID                 | check that apiKey is the key of an API-type data source",
      "50034 | project ID does not exist          | check that the MA project of this apiKey still exists",
      "50074 | API data source does not exist     | check that the API-type data source of apiKey/apiSecret was not deleted",
      "55004 | bad user                           | check the userId and the values of properties and contacts",
      "55102 | Invalid user attributes exist      | check that every property is defined in the MA console",
      "55103 | empty value                        | EngageLab refuses empty values; remove the property"})
  void everyKnownCodeOnHttp200BecomesAPlatformExceptionSayingWhatToCheck(int code, String platformMessage, String hint) {
    stubRegister("alice@example.com", 42);
    wm.stubFor(post("/v1/user/property").willReturn(okJson(
        "{\"code\":" + code + ",\"message\":\"" + platformMessage + "\"}")));
    PlatformException e = assertThrows(PlatformException.class, () -> provider(false).apply(
        Changes.create("alice@example.com", Map.of("userId", "alice@example.com", "properties", Map.of("plan", "pro")))));
    assertEquals(200, e.status());
    assertEquals("POST /v1/user/property", e.request());
    assertEquals(platformMessage + " (code " + code + ")", e.getMessage());
    assertTrue(e.hint() != null && e.hint().contains(hint), e.hint());
    assertTrue(e.describe().contains(hint) && !e.describe().contains(SECRET) && !e.describe().contains(KEY), e.describe());
  }

  @Test
  void anUnknownCodeKeepsThePlatformsWords() {
    wm.stubFor(post("/v1/user/register").willReturn(okJson("{\"code\":61001,\"message\":\"quota exceeded for today\"}")));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(false).apply(Changes.create("alice@example.com", Map.of("userId", "alice@example.com"))));
    assertEquals("quota exceeded for today (code 61001)", e.getMessage());
    assertEquals("POST /v1/user/register", e.request());
    assertNull(e.hint());
  }

  @Test
  void aNon2xxAnswerWithTheEnvelopeGetsTheSameHint() {
    wm.stubFor(post("/v1/user/register").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":40050,\"message\":\"API authentication failed\"}")));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(false).apply(Changes.create("alice@example.com", Map.of("userId", "alice@example.com"))));
    assertEquals(401, e.status());
    assertEquals("API authentication failed (code 40050)", e.getMessage());
    assertTrue(e.hint().contains("check apiKey and apiSecret"), e.hint());
  }

  @Test
  void anAnswerThatIsNotTheEnvelopeIsAFailureToo() {
    wm.stubFor(post("/v1/user/register").willReturn(okJson("{\"status\":\"ok\"}")));
    PlatformException e = assertThrows(PlatformException.class,
        () -> provider(false).apply(Changes.create("alice@example.com", Map.of("userId", "alice@example.com"))));
    assertTrue(e.getMessage().contains("without a code") && e.hint().contains("check url"), e.describe());

    wm.stubFor(post("/v1/user/register").willReturn(aResponse().withStatus(200).withBody("not json at all")));
    PlatformException notJson = assertThrows(PlatformException.class,
        () -> provider(false).apply(Changes.create("bob@example.com", Map.of("userId", "bob@example.com"))));
    assertTrue(notJson.getMessage().contains("not JSON"), notJson.describe());
  }

  @Test
  void listIsRefusedBecauseTheApiCannotReadUsers() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> provider(false).list(Declared.none()));
    assertTrue(e.getMessage().contains("state file"), e.getMessage());
    assertEquals(0, wm.getAllServeEvents().size());
  }

  @Test
  void duringPlanNothingIsSentNotEvenARegister() {
    stubRegister("alice@example.com", 42);
    assertThrows(WriteRefusedException.class, () -> provider(true).apply(
        Changes.create("alice@example.com", Map.of("userId", "alice@example.com"))));
    wm.verify(0, anyRequestedFor(anyUrl()));
  }
}
