package dev.roster.providers.keepnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.roster.providers.keepnet.KeepnetTestSupport.phishing;
import static dev.roster.providers.keepnet.KeepnetTestSupport.serve;

import dev.roster.spi.Json;
import dev.roster.testing.CliRun;
import dev.roster.testing.ServedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The CLI against the Keepnet sandbox when people change: a new e-mail renames the target user in
 * place, and suspension ({@code ensure: suspended}, {@code offboard: suspend} with prune or an
 * expired {@code until}) is Keepnet's {@code isActive: false}, never a DELETE.
 */
class KeepnetRenameAndSuspendEndToEndTest {
  static final String PROVIDERS = phishing("prune: true");
  static final String SUSPENDING = phishing("prune: true", "offboard: suspend");

  @TempDir Path dir;
  final KeepnetSandbox sandbox = new KeepnetSandbox();
  ServedSandbox served;

  @BeforeEach
  void start() throws Exception {
    served = serve(sandbox);
  }

  @AfterEach
  void stop() {
    served.close();
  }

  void manifest(String text) throws Exception {
    Files.writeString(dir.resolve("roster.yaml"), text);
  }

  /** The plan as JSON (schema/plan.schema.json). */
  JsonNode jsonPlan() {
    CliRun plan = CliRun.run(dir, served.env(), "plan", "--format", "json");
    assertEquals(0, plan.exitCode(), plan.toString());
    return Json.MAPPER.readTree(plan.out());
  }

  CliRun apply() {
    served.server().clearLog();
    CliRun apply = CliRun.run(dir, served.env(), "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.toString());
    return apply;
  }

  void assertNoChanges() {
    CliRun.assertNoChanges(dir, served.env());
  }

  /** The writes the sandbox saw since the log was last cleared. */
  List<String> writes() {
    return served.server().requests().stream().filter(r -> !r.startsWith("GET ") && !r.endsWith("/connect/token")
        && !r.endsWith("/search") && !r.endsWith("/users")).toList();
  }

  static void assertSummary(JsonNode plan, int create, int update, int suspend, int delete) {
    JsonNode s = plan.path("summary");
    assertEquals(List.of(create, update, suspend, delete),
        List.of(s.path("create").asInt(), s.path("update").asInt(), s.path("suspend").asInt(), s.path("delete").asInt()),
        "create, update, suspend, delete: " + plan);
  }

  @Test
  void aNewEmailWithPreviouslyRenamesTheTargetUserInPlace() throws Exception {
    SandboxCompany.User alice = sandbox.company().addUser("alice@old.example.com", "Alice", "Liddell");
    alice.department = "Sales";
    String id = alice.resourceId;
    manifest(PROVIDERS + """
        users:
          alice:
            email: alice@new.example.com
            name: Alice Liddell
            previously: [alice@old.example.com]
            accounts:
              phishing: { department: Sales }
        """);

    JsonNode plan = jsonPlan();
    assertSummary(plan, 0, 1, 0, 0);
    JsonNode change = plan.path("changes").get(0);
    assertEquals(id, change.path("liveId").asString());
    assertEquals("alice@old.example.com", change.path("renamedFrom").asString());
    JsonNode email = change.path("fields").get(0);
    assertEquals("email", email.path("name").asString(), change.toString());
    assertEquals("alice@old.example.com", email.path("before").asString());
    assertEquals("alice@new.example.com", email.path("after").asString());
    assertEquals(1, change.path("fields").size(), "only the e-mail changes: " + change);

    apply();
    assertEquals(List.of("PUT /keepnet/api/target-users/" + id), writes(), "one PUT to the same user, no POST, no DELETE");
    Map<String, SandboxCompany.User> users = sandbox.company().liveUsers();
    assertEquals(Set.of("alice@new.example.com"), users.keySet());
    assertEquals(id, users.get("alice@new.example.com").resourceId);
    assertEquals("Sales", users.get("alice@new.example.com").department, "the rest of the record is kept");
    assertEquals(1, sandbox.company().storedUsers(), "no user was created");
    assertNoChanges();
  }

  @Test
  void ensureSuspendedSetsIsActiveFalseWithoutADeleteAndDeclaringPresentAgainReactivates() throws Exception {
    sandbox.company().addUser("alice@example.com", "Alice", "Liddell");
    SandboxCompany.User bob = sandbox.company().addUser("bob@example.com", "Bob", "Stone");
    bob.department = "Support";
    String people = """
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            accounts: { phishing: {} }
          bob:
            email: bob@example.com
            name: Bob Stone
            accounts:
              phishing: { ensure: suspended }
        """;
    manifest(PROVIDERS + people);

    JsonNode plan = jsonPlan();
    assertSummary(plan, 0, 0, 1, 0);
    JsonNode change = plan.path("changes").get(0);
    assertEquals("suspend", change.path("action").asString());
    assertEquals("bob@example.com", change.path("key").asString());
    assertEquals(bob.resourceId, change.path("liveId").asString());
    CliRun text = CliRun.run(dir, served.env(), "plan");
    assertTrue(text.out().contains("suspend bob@example.com (bob) on phishing (ensure: suspended)"), text.out());
    assertTrue(text.out().contains("isActive: true -> false"), text.out());

    apply();
    assertEquals(List.of("PUT /keepnet/api/target-users/" + bob.resourceId), writes(), "a PUT, never a DELETE");
    SandboxCompany.User suspended = sandbox.company().liveUsers().get("bob@example.com");
    assertFalse(suspended.isActive);
    assertEquals("Support", suspended.department, "every other field as it was");
    assertEquals("Stone", suspended.lastName);
    assertNoChanges();

    manifest(PROVIDERS + people.replace("phishing: { ensure: suspended }", "phishing: {}"));
    JsonNode reactivate = jsonPlan();
    assertSummary(reactivate, 0, 1, 0, 0);
    JsonNode fields = reactivate.path("changes").get(0).path("fields");
    assertEquals(1, fields.size(), fields.toString());
    assertEquals("isActive", fields.get(0).path("name").asString());
    assertFalse(fields.get(0).path("before").asBoolean(true));
    assertTrue(fields.get(0).path("after").asBoolean(false));
    apply();
    assertTrue(sandbox.company().liveUsers().get("bob@example.com").isActive);
    assertNoChanges();
  }

  @Test
  void offboardSuspendWithPruneSuspendsAUserNoFileDeclares() throws Exception {
    sandbox.company().addUser("alice@example.com", "Alice", "Liddell");
    SandboxCompany.User carol = sandbox.company().addUser("carol@example.com", "Carol", "Danvers");
    sandbox.company().addMember(KeepnetSandbox.SUPPORT, carol.resourceId);
    manifest(SUSPENDING + """
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            accounts: { phishing: {} }
        """);

    JsonNode plan = jsonPlan();
    assertSummary(plan, 0, 0, 1, 0);
    JsonNode change = plan.path("changes").get(0);
    assertEquals("suspend", change.path("action").asString());
    assertEquals("carol@example.com", change.path("key").asString());
    assertEquals("prune: no file declares this account; offboard: suspend", change.path("reason").asString());

    apply();
    assertEquals(List.of("PUT /keepnet/api/target-users/" + carol.resourceId), writes());
    SandboxCompany.User suspended = sandbox.company().liveUsers().get("carol@example.com");
    assertFalse(suspended.isActive);
    assertEquals(Set.of(KeepnetSandbox.SUPPORT), sandbox.company().groupsOf(carol.resourceId),
        "the suspension keeps the user's groups");
    assertNoChanges();
  }

  @Test
  void anExpiredUntilSuspendsWhereTheInstanceOffboardsBySuspending() throws Exception {
    SandboxCompany.User alice = sandbox.company().addUser("alice@example.com", "Alice", "Liddell");
    String expired = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
    manifest(SUSPENDING + """
        users:
          alice:
            email: alice@example.com
            name: Alice Liddell
            until: %s
            accounts: { phishing: {} }
        """.formatted(expired));

    JsonNode plan = jsonPlan();
    assertSummary(plan, 0, 0, 1, 0);
    String reason = plan.path("changes").get(0).path("reason").asString();
    assertTrue(reason.startsWith("expired on " + expired) && reason.endsWith("; offboard: suspend"), reason);

    apply();
    assertEquals(List.of("PUT /keepnet/api/target-users/" + alice.resourceId), writes());
    assertFalse(sandbox.company().liveUsers().get("alice@example.com").isActive);
    assertNoChanges();
  }
}
