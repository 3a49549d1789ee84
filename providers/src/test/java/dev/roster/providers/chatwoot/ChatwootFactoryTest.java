package dev.roster.providers.chatwoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.roster.spi.Comparison;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Json;
import dev.roster.spi.Person;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The type's description: model, person defaults, semantic checks, and the two schema parts. */
class ChatwootFactoryTest {
  final ChatwootFactory factory = new ChatwootFactory();

  @Test
  void isFoundByTheServiceLoader() {
    assertTrue(ServiceLoader.load(ProviderFactory.class).stream()
        .anyMatch(p -> p.get().type().equals("chatwoot") && p.get() instanceof ChatwootFactory));
  }

  @Test
  void theModelKeysOnEmailIgnoringCaseAndKnowsWhatIsSecretAndWhoIsAdmin() {
    var model = factory.model();
    assertEquals("email", model.keyAttribute());
    assertEquals(Comparison.CASE_INSENSITIVE, model.key().comparison());
    assertEquals(Comparison.EXACT, model.attribute("customAttributes").comparison(), "whole value: a removed key is a change");
    assertTrue(model.attribute("password").writeOnly() && model.attribute("password").sensitive());
    assertFalse(model.attribute("role").sensitive());
    assertTrue(model.isAdmin("administrator"));
    assertFalse(model.isAdmin("agent"));
    assertEquals(Comparison.UNORDERED, model.attribute("teams").comparison(), "teams in any order");
    assertEquals(Comparison.UNORDERED, model.attribute("inboxes").comparison(), "inboxes in any order");
    assertEquals(List.of("email", "name", "displayName", "role", "availability", "autoOffline", "customAttributes",
        "customRoleId", "teams", "inboxes", "password"), List.copyOf(model.attributes().keySet()));
    assertEquals(List.of("name"), model.names(), "the person's name: one deleted and one created with it may be a rename");
  }

  @Test
  void aFormerEmailNeedsThePlatformApiToBeRenamedInPlace() {
    InstanceConfig without = ChatwootTestSupport.config("https://chat.example.com", 2, "t", null);
    List<String> problems = factory.checkRename(without, List.of("alice@example.com"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("Chatwoot changes an agent's e-mail only through its Platform API, and instance"
        + " 'support' has no platformToken"), problems.get(0));
    assertTrue(problems.get(0).contains("remove `previously`"), problems.get(0));
    assertEquals(1, factory.checkRename(without, List.of("alice", "alice@example.com", "al@example.com")).size(),
        "one message however many former e-mails");

    InstanceConfig with = ChatwootTestSupport.config("https://chat.example.com", 1, "t", "p");
    assertEquals(List.of(), factory.checkRename(with, List.of("alice@example.com")));
    assertEquals(List.of(), factory.checkRename(without, List.of("alice")), "a former handle is no e-mail: not Chatwoot's key");
  }

  @Test
  void personDefaultsAreTheEmailAndTheName() {
    assertEquals(Map.of("email", "alice@example.com", "name", "Alice Liddell"),
        factory.personDefaults(new Person("alice", "alice@example.com", "Alice Liddell")));
    assertEquals(Map.of("email", "bob@example.com"), factory.personDefaults(new Person("bob", "bob@example.com", null)));
    assertEquals(Map.of(), factory.personDefaults(new Person("x", null, null)));
  }

  static Secret password(String value) {
    return new Secret("${env:PW}", value);
  }

  @Test
  void thePasswordRuleIsCheckedByValidateWithoutPrintingThePassword() {
    assertEquals(List.of(), factory.check(Map.of("password", password("Bob-pw-1234"))));
    assertEquals(List.of("password must be 6 to 128 characters long (it has 4)"), factory.check(Map.of("password", password("Ab1!"))));
    assertEquals(List.of("password must be 6 to 128 characters long (it has 129)"),
        factory.check(Map.of("password", password("Aa1!" + "x".repeat(125)))));
    List<String> weak = factory.check(Map.of("password", password("lowercaseonly")));
    assertEquals(1, weak.size());
    assertTrue(weak.get(0).startsWith("password must contain an upper-case letter, a digit, a special character"), weak.get(0));
    assertFalse(weak.get(0).contains("lowercaseonly"));
    assertEquals(List.of("password must contain a lower-case letter"), factory.check(Map.of("password", password("ABC-123!"))));
  }

  @Test
  void aDisplayNameEqualToTheNameIsRefusedBecauseItCouldNeverBeReadBack() {
    List<String> problems = factory.check(Map.of("name", "Alice", "displayName", "Alice"));
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("displayName is the same as name"), problems.get(0));
    assertEquals(List.of(), factory.check(Map.of("name", "Alice Liddell", "displayName", "Alice")));
  }

  static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  static List<String> errors(JsonNode schema, String yamlAsJson) {
    Schema s = REGISTRY.getSchema(schema);
    return s.validate(Json.MAPPER.readTree(yamlAsJson)).stream().map(Object::toString).toList();
  }

  @Test
  void theConfigSchemaMarksBothTokensAsCredentialsAndLeavesTheTopLevelOpen() {
    JsonNode schema = factory.configSchema();
    assertTrue(schema.path("properties").path("apiToken").path("writeOnly").asBoolean());
    assertTrue(schema.path("properties").path("platformToken").path("writeOnly").asBoolean());
    assertFalse(schema.has("additionalProperties"), "the engine closes the composed schema");
    assertEquals(List.of(), errors(schema, "{\"url\":\"https://chat.example.com\",\"accountId\":3,\"apiToken\":\"t\"}"));
    assertFalse(errors(schema, "{\"url\":\"https://chat.example.com\",\"apiToken\":\"t\"}").isEmpty(), "accountId is required");
    assertFalse(errors(schema, "{\"url\":\"u\",\"accountId\":\"3\",\"apiToken\":\"t\"}").isEmpty(), "accountId is a number");
    assertFalse(errors(schema, "{\"url\":\"u\",\"accountId\":0,\"apiToken\":\"t\"}").isEmpty());
  }

  @Test
  void theAccountSchemaTakesTheIssuesAttributes() {
    JsonNode schema = factory.accountSchema();
    assertFalse(schema.has("additionalProperties"));
    assertEquals(List.of(), errors(schema, """
        {"email":"a@example.com","name":"A","displayName":"Al","role":"administrator","availability":"busy",
         "autoOffline":true,"customAttributes":{"team":"billing","seats":{"n":2}},"customRoleId":4,"password":"x"}"""));
    assertFalse(errors(schema, "{\"role\":\"owner\"}").isEmpty());
    assertFalse(errors(schema, "{\"availability\":\"available\"}").isEmpty(), "the code's vocabulary, not the swagger's");
    assertFalse(errors(schema, "{\"autoOffline\":\"yes\"}").isEmpty());
    assertFalse(errors(schema, "{\"customAttributes\":{\"team\":null}}").isEmpty(), "null would never read back: leave the key out");
    assertFalse(errors(schema, "{\"email\":\"not an address\"}").isEmpty());
  }
}
