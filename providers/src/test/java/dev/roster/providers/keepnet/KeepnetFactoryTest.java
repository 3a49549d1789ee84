package dev.roster.providers.keepnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.roster.spi.Json;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.http.RequestStats;
import dev.roster.spi.Person;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.Secret;
import dev.roster.spi.ProviderFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The factory's description of Keepnet: schemas, model, person defaults, field limits, registration, config it refuses. */
class KeepnetFactoryTest {
  final KeepnetFactory factory = new KeepnetFactory();
  final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @Test
  void isRegisteredForTypeKeepnetWithASandbox() {
    assertTrue(ServiceLoader.load(ProviderFactory.class).stream()
        .anyMatch(p -> p.type() == KeepnetFactory.class));
    assertEquals("keepnet", factory.type());
    assertEquals("keepnet", factory.sandbox().orElseThrow().type());
  }

  @Test
  void modelKeysOnEmailIgnoringCaseAndComparesGroupsInAnyOrder() {
    var model = factory.model();
    assertEquals("email", model.keyAttribute());
    assertEquals(Comparison.CASE_INSENSITIVE, model.key().comparison());
    assertEquals(Comparison.UNORDERED, model.attribute("targetGroups").comparison());
    assertEquals(List.of("email", "firstName", "lastName", "phoneNumber", "department", "priority", "isActive",
        "targetGroups", "managerEmail", "managerFirstName", "managerLastName", "timeZoneId", "preferredLanguageId"),
        List.copyOf(model.attributes().keySet()));
    for (Attribute a : model.attributes().values()) {
      assertFalse(a.writeOnly() || a.sensitive(), a.name() + ": nothing of a target user is secret");
    }
    // every attribute of the model is in the account schema, and nothing else
    assertEquals(model.attributes().keySet(), setOf(factory.accountSchema().path("properties").propertyNames()));
  }

  @Test
  void modelSuspendsThroughIsActiveRenamesInPlaceAndNamesPeopleByFirstAndLastName() {
    var model = factory.model();
    assertEquals(new dev.roster.spi.AccountModel.Suspension("isActive", false, true), model.suspension());
    assertEquals(List.of("firstName", "lastName"), model.names());
    assertTrue(model.renamable(), "a PUT changes a target user's e-mail in place");
    assertTrue(model.isSuspended(new dev.roster.spi.LiveAccount("u1", Map.of("email", "a@x.io", "isActive", false))));
    assertFalse(model.isSuspended(new dev.roster.spi.LiveAccount("u1", Map.of("email", "a@x.io", "isActive", true))));
  }

  @Test
  void configSchemaMarksTheSecretWriteOnlyAndLeavesClosingToTheEngine() {
    JsonNode schema = factory.configSchema();
    assertTrue(schema.path("properties").path("clientSecret").path("writeOnly").asBoolean());
    assertFalse(schema.path("properties").path("clientId").path("writeOnly").asBoolean(false));
    assertFalse(schema.has("additionalProperties"));
    assertEquals("https://api.keepnetlabs.com", schema.path("properties").path("url").path("default").asString());
    Schema s = registry.getSchema(schema);
    assertEquals(0, s.validate(json("{\"clientId\":\"c\",\"clientSecret\":\"s\"}")).size());
    assertEquals(0, s.validate(json("{\"url\":\"https://api.keepnet.example.com\",\"clientId\":\"c\","
        + "\"clientSecret\":\"s\",\"companyId\":\"xC5kfGz7w2Nz\",\"pageSize\":200,\"readDetails\":true}")).size());
    assertEquals(1, s.validate(json("{\"clientId\":\"c\"}")).size(), "clientSecret is required");
    assertEquals(1, s.validate(json("{\"clientId\":\"c\",\"clientSecret\":\"s\",\"companyId\":\"a\\r\\nX-Evil: 1\"}")).size(),
        "a companyId can never inject a header");
    assertEquals(1, s.validate(json("{\"clientId\":\"c\",\"clientSecret\":\"s\",\"url\":\"ftp://x\"}")).size());
  }

  @Test
  void accountSchemaAcceptsTheDocumentedShapeAndRefusesWrongTypes() {
    Schema s = registry.getSchema(factory.accountSchema());
    assertEquals(0, s.validate(json("""
        {"email":"a@example.com","firstName":"A","lastName":"B","phoneNumber":"+15550100","department":"Eng",
         "priority":"High","isActive":true,"targetGroups":["xC5kfGz7w2Nz","Sales & Marketing"],"managerEmail":"m@example.com",
         "managerFirstName":"M","managerLastName":"N","timeZoneId":"UTC","preferredLanguageId":"en"}
        """)).size());
    assertEquals(1, s.validate(json("{\"isActive\":\"yes\"}")).size());
    assertEquals(1, s.validate(json("{\"targetGroups\":[\"\"]}")).size(), "a name or an id, never empty");
    assertEquals(1, s.validate(json("{\"targetGroups\":[\"Sales\",\"Sales\"]}")).size());
    assertEquals(1, s.validate(json("{\"targetGroups\":\"g1\"}")).size());
  }

  @Test
  void personDefaultsGiveEmailAndTheNameSplitIntoFirstWordAndRest() {
    assertEquals(Map.of("email", "alice@example.com", "firstName", "Alice", "lastName", "Liddell"),
        factory.personDefaults(new Person("alice", "alice@example.com", "Alice Liddell")));
    assertEquals(Map.of("email", "m@example.com", "firstName", "Mary", "lastName", "Ann Evans"),
        factory.personDefaults(new Person("mae", "m@example.com", "  Mary   Ann Evans ")));
    assertEquals(Map.of("firstName", "Cher"), factory.personDefaults(new Person("cher", null, "Cher")));
    assertEquals(Map.of(), factory.personDefaults(new Person("x", null, null)));
  }

  @Test
  void checkEnforcesTheUpdateLimits() {
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("email", "a".repeat(308) + "@example.com"); // 320
    ok.put("firstName", "f".repeat(40));
    ok.put("lastName", "l".repeat(40));
    ok.put("department", "d".repeat(64));
    assertEquals(List.of(), factory.check(ok));
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("email", "a".repeat(309) + "@example.com");
    bad.put("firstName", "f".repeat(41));
    bad.put("lastName", "l".repeat(41));
    bad.put("department", "d".repeat(65));
    bad.put("managerLastName", "m".repeat(41));
    assertEquals(List.of(
        "email is 321 characters; Keepnet accepts at most 320",
        "firstName is 41 characters; Keepnet accepts at most 40 (its limit on update)",
        "lastName is 41 characters; Keepnet accepts at most 40 (its limit on update)",
        "department is 65 characters; Keepnet accepts at most 64 (its limit on update)",
        "managerLastName is 41 characters; Keepnet accepts at most 40 (its limit on update)"), factory.check(bad));
    assertEquals(List.of("email is required: set it on the account or on the person"),
        factory.check(Map.of("firstName", "A")));
  }

  @Test
  void createRefusesAUrlOrCompanyIdThatAReferenceResolvedToSomethingElse() {
    ProviderContext context = new ProviderContext(KeepnetTestSupport.http(true, new RequestStats()), 4);
    Secret header = new Secret("${env:KEEPNET_COMPANY}", "cmpA\r\nX-Evil: 1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.create(
        KeepnetTestSupport.config("https://api.keepnetlabs.com", "c", "s", Map.of("companyId", header)), context));
    assertEquals("keepnet instance phishing: companyId must be a company resourceId (letters, digits, '-' and '_')",
        e.getMessage());
    Secret url = new Secret("${env:KEEPNET_URL}", "https://api.keepnetlabs.com/x?y=1");
    e = assertThrows(IllegalArgumentException.class, () -> factory.create(
        KeepnetTestSupport.config("https://api.keepnetlabs.com", "c", "s", Map.of("url", url)), context));
    assertEquals("keepnet instance phishing: url must be http(s)://host[/path]", e.getMessage());
    factory.create(KeepnetTestSupport.config("https://api.keepnetlabs.com", "c", "s", Map.of("companyId", "cmpA1")), context);
  }

  private static JsonNode json(String s) {
    return Json.MAPPER.readTree(s);
  }

  private static java.util.Set<String> setOf(java.util.Collection<String> c) {
    return new java.util.LinkedHashSet<>(c);
  }
}
