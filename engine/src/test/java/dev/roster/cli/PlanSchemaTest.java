package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.roster.spi.Json;
import dev.roster.sandbox.SandboxServer;
import dev.roster.testing.CliRun;
import dev.roster.testing.FakeFactory;
import dev.roster.testing.FakeSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON plan is the documented document: it validates against schema/plan.schema.json. */
class PlanSchemaTest {
  @TempDir Path dir;

  static Schema planSchema() throws Exception {
    String text = Files.readString(Path.of("..", "schema", "plan.schema.json"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Json.MAPPER.readTree(text));
  }

  @Test
  void jsonPlansValidateAgainstTheSchema() throws Exception {
    FakeFactory.SANDBOX.reset();
    FakeFactory.SANDBOX.seedDemo();
    FakeFactory.SANDBOX.put(Map.of("login", "dave", "readOnly", true));
    try (SandboxServer server = new SandboxServer(0, 0, List.of(FakeFactory.SANDBOX))) {
      Map<String, String> env = Map.of("U", server.url("fake"), "T", FakeSandbox.TOKEN, "PW", "pw-123456");
      Files.writeString(dir.resolve("roster.yaml"), """
          version: 1
          providers:
            app: { type: fake, url: "${env:U}", token: "${env:T}", prune: true }
          users:
            alice: { accounts: { app: { role: admin, prefs: { a: 1 } } } }
            bob: { accounts: { app: { password: "${env:PW}" } } }
            dave: { accounts: { app: { role: admin } } }
            carol-new: { previously: [carol], until: "%s", accounts: { app: {} } }
          """.formatted(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3)));
      CliRun plan = CliRun.run(dir, env, "plan", "--format", "json");
      assertEquals(0, plan.exitCode(), plan.toString());
      var doc = Json.MAPPER.readTree(plan.out());
      var errors = planSchema().validate(doc);
      assertTrue(errors.isEmpty(), errors + "\n" + plan.out());
      assertEquals(3, doc.path("changes").size(), "carol is renamed, not deleted\n" + plan.out());
      assertEquals("carol", doc.path("changes").get(2).path("renamedFrom").asString(), plan.out());
      assertEquals(1, doc.path("instances").get(0).path("warnings").size(), "carol-new expires this week\n" + plan.out());
      assertEquals(1, doc.path("instances").get(0).path("skipped").size(), plan.out());

      // the schema can fail: a document missing its version does not validate
      ((tools.jackson.databind.node.ObjectNode) doc).remove("formatVersion");
      assertTrue(!planSchema().validate(doc).isEmpty());
    }
  }
}
