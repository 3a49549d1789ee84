package dev.roster.bench;

import dev.roster.manifest.Manifest;
import dev.roster.manifest.ManifestLoader;
import dev.roster.manifest.ManifestSchema;
import dev.roster.output.Style;
import dev.roster.output.TextRenderer;
import dev.roster.plan.Differ;
import dev.roster.plan.InstancePlan;
import dev.roster.plan.Plan;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.ProviderFactory;
import dev.roster.testing.FakeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine alone, no network: load + validate + diff + render for N accounts of the fake provider
 * (one percent of them differing). Run: {@code mvn -B -pl engine -Pjmh test-compile exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBenchmark {
  @Param({"100000"})
  int accounts;

  Path file;
  Map<String, ProviderFactory> factories;
  ManifestSchema schema;
  List<LiveAccount> live;

  @Setup
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("roster-jmh");
    file = dir.resolve("roster.yaml");
    StringBuilder y = new StringBuilder("version: 1\nproviders:\n  app: { type: fake, url: http://127.0.0.1:1, token: '${env:T}' }\nusers:\n");
    live = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      y.append("  u").append(i).append(": { email: u").append(i).append("@example.com, accounts: { app: { role: member } } }\n");
      live.add(new LiveAccount(String.valueOf(i), Map.of("login", "u" + i, "email", "u" + i + "@example.com",
          "role", i % 100 == 0 ? "admin" : "member")));
    }
    Files.writeString(file, y);
    FakeFactory fake = new FakeFactory();
    factories = Map.of(fake.type(), fake);
    schema = new ManifestSchema(factories.values());
  }

  @Benchmark
  public String loadValidateDiffRender() {
    Manifest m = new ManifestLoader(factories, schema, Map.of("T", "t"), file.getParent()).load(List.of(file));
    List<Manifest.DeclaredAccount> declared = m.people().stream().flatMap(p -> p.accounts().stream()).toList();
    InstancePlan plan = new Differ(factories.get("fake").model()).diff(m.instances().get("app"), declared, live, Set.of(),
        c -> List.of());
    return new TextRenderer(Style.plain()).render(new Plan(List.of(plan)));
  }
}
