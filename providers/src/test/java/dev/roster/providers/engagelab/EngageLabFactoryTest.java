package dev.roster.providers.engagelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.Comparison;
import dev.roster.spi.Person;
import dev.roster.spi.ProviderFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The type's description: model, schemas, person defaults and the semantic checks. */
class EngageLabFactoryTest {
  final EngageLabFactory factory = new EngageLabFactory();

  @Test
  void isFoundByServiceLoaderAndCannotBeRead() {
    ProviderFactory found = ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("engagelab")).findFirst().orElseThrow();
    assertFalse(found.readable(), "the engine must diff engagelab against its state file");
    assertTrue(found.sandbox().isPresent());
  }

  @Test
  void modelKeysOnUserIdWithWholePropertiesAndSubsetContacts() {
    var model = factory.model();
    assertEquals("userId", model.keyAttribute());
    assertEquals(Comparison.EXACT, model.key().comparison());
    assertEquals(Comparison.EXACT, model.attribute("properties").comparison());
    assertEquals(Comparison.SUBSET, model.attribute("contacts").comparison());
    assertTrue(model.attributes().values().stream().noneMatch(a -> a.writeOnly() || a.sensitive()),
        "everything is recorded in the state file");
    assertFalse(model.renamable(), "a user_id cannot be changed: a new one is a new user");
    assertNull(model.suspension(), "EngageLab cannot suspend a user");
  }

  @Test
  void userIdDefaultsToThePersonsEmail() {
    assertEquals(Map.of("userId", "alice@example.com"),
        factory.personDefaults(new Person("alice", "alice@example.com", "Alice Liddell")));
    assertEquals(Map.of(), factory.personDefaults(new Person("svc", null, null)));
  }

  @Test
  void configSchemaMarksCredentialsWriteOnlyAndRequiresAStateFile() {
    JsonNode schema = factory.configSchema();
    assertTrue(schema.path("properties").path("apiKey").path("writeOnly").asBoolean());
    assertTrue(schema.path("properties").path("apiSecret").path("writeOnly").asBoolean());
    assertFalse(schema.path("properties").path("state").path("writeOnly").asBoolean());
    List<String> required = schema.path("required").valueStream().map(JsonNode::asString).toList();
    assertTrue(required.containsAll(List.of("apiKey", "apiSecret", "state")), required.toString());
    assertEquals("https://ma-api.engagelab.com", schema.path("properties").path("url").path("default").asString());
    assertFalse(schema.has("additionalProperties"), "the engine closes the composed schema");
    assertEquals(List.of("userId", "properties", "contacts"),
        factory.accountSchema().path("properties").propertyNames().stream().toList());
  }

  @Test
  void checkAcceptsTheFourValueKinds() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("plan", "pro");
    properties.put("seats", 5);
    properties.put("score", 9.5);
    properties.put("trial", false);
    properties.put("renewal", "2024-02-29 23:59:59");
    properties.put("since", "2024-02-29");
    properties.put("note", "met 2024-01-01 at the fair");
    assertEquals(List.of(), factory.check(Map.of("userId", "alice@example.com", "properties", properties,
        "contacts", Map.of("email", "alice@example.com"))));
  }

  @Test
  void checkRejectsEmptyValuesAndBadDatetimes() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("blank", "");
    properties.put("spaces", "  ");
    properties.put("nothing", null);
    properties.put("iso", "2024-03-01T09:30:00");
    properties.put("short", "2024-3-1 9:30");
    properties.put("feb30", "2024-02-30 10:00:00");
    properties.put("hour25", "2024-01-01 25:00:00");
    List<String> problems = factory.check(Map.of("userId", "alice@example.com", "properties", properties,
        "contacts", Map.of("mobilePhone", "")));
    assertEquals(8, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("properties.blank: empty value") && problems.get(0).contains("55103"), problems.get(0));
    assertTrue(problems.get(1).startsWith("properties.spaces: empty value"));
    assertTrue(problems.get(2).startsWith("properties.nothing: no value"));
    assertTrue(problems.get(3).contains("'2024-03-01T09:30:00' looks like a datetime but is not written 'yyyy-MM-dd HH:mm:ss'"), problems.get(3));
    assertTrue(problems.get(4).startsWith("properties.short: "));
    assertTrue(problems.get(5).contains("'2024-02-30 10:00:00' is not a real date and time"), problems.get(5));
    assertTrue(problems.get(6).contains("is not a real date and time"));
    assertTrue(problems.get(7).startsWith("contacts.mobilePhone is empty"));
  }

  @Test
  void checkRejectsAUserIdRegisterCannotTake() {
    assertEquals(1, factory.check(Map.of("userId", "x".repeat(257))).size());
    assertEquals(0, factory.check(Map.of("userId", "x".repeat(256))).size());
  }
}
