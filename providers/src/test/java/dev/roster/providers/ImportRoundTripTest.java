package dev.roster.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.SandboxApi;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.ProviderFactory;
import dev.roster.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** For every instance of the sandbox example whose platform can be read: import, then plan: no changes. */
class ImportRoundTripTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void importThenPlanShowsNoChanges() throws Exception {
    Map<String, ProviderFactory> factories = new LinkedHashMap<>();
    ServiceLoader.load(ProviderFactory.class).forEach(f -> factories.put(f.type(), f));
    List<SandboxApi> apis = factories.values().stream().map(ProviderFactory::sandbox).flatMap(Optional::stream).toList();
    Map<String, Object> example = new Yaml().load(Files.readString(Path.of("..", "examples", "sandbox", "roster.yaml")));
    Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) example.get("providers");
    int checked = 0;
    for (Map.Entry<String, Map<String, Object>> instance : providers.entrySet()) {
      ProviderFactory factory = factories.get((String) instance.getValue().get("type"));
      if (!factory.readable()) {
        continue;
      }
      apis.forEach(a -> {
        a.reset();
        a.seedDemo();
      });
      Path work = Files.createDirectories(dir.resolve(instance.getKey()));
      Files.writeString(work.resolve("providers.yaml"), new Yaml().dump(Map.of("version", 1,
          "providers", Map.of(instance.getKey(), instance.getValue()))));
      try (SandboxServer server = new SandboxServer(0, 0, apis)) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
        apis.forEach(a -> env.putAll(a.environment()));
        CliRun imported = CliRun.run(work, env, "import", instance.getKey(), "-f", "providers.yaml");
        assertEquals(0, imported.exitCode(), imported.toString());
        assertFalse(imported.out().contains("password"), imported.out());
        Files.writeString(work.resolve("people.yaml"), imported.out());
        CliRun valid = CliRun.run(work, env, "validate", "-f", "providers.yaml", "-f", "people.yaml");
        assertEquals(0, valid.exitCode(), valid + "\n" + imported.out());
        CliRun plan = CliRun.run(work, env, "plan", "-f", "providers.yaml", "-f", "people.yaml", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), instance.getKey() + ":\n" + plan + "\n" + imported.out());
        assertTrue(plan.out().contains("No changes."), plan.out());
        checked++;
      }
    }
    assertTrue(checked > 0, "no readable instance in the sandbox example");
  }
}
