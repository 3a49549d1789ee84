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
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine alone, no network: load + validate + diff + render for 100,000 accounts of the fake
 * provider (one percent of them differing), as PEOPLExINSTANCES: 25,000 people with an account on
 * each of 4 instances, and 100,000 people with one account each (four times the YAML per account).
 * Run: {@code mvn -B -pl engine -Pjmh test-compile exec:exec}. The fork gets the heap the target
 * allows.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBenchmark {
  @Param({"25000x4", "100000x1"})
  String shape;

  Path file;
  Map<String, ProviderFactory> factories;
  ManifestSchema schema;
  List<LiveAccount> live;

  @Setup
  public void setUp() throws Exception {
    int people = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
    int instances = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
    Path dir = Files.createTempDirectory("roster-jmh");
    file = dir.resolve("roster.yaml");
    StringBuilder y = new StringBuilder("version: 1\nproviders:\n");
    StringBuilder accounts = new StringBuilder();
    for (int n = 1; n <= instances; n++) {
      y.append("  app").append(n).append(": { type: fake, url: http://127.0.0.1:1, token: '${env:T}' }\n");
      accounts.append(n == 1 ? "" : ", ").append("app").append(n).append(": { role: member }");
    }
    y.append("users:\n");
    live = new ArrayList<>(people);
    for (int i = 0; i < people; i++) {
      y.append("  u").append(i).append(": { email: u").append(i).append("@example.com, accounts: { ").append(accounts).append(" } }\n");
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
    Differ differ = new Differ(factories.get("fake").model());
    List<InstancePlan> plans = new ArrayList<>();
    for (Manifest.Instance instance : m.instances().values()) {
      List<Manifest.DeclaredAccount> declared = m.people().stream().flatMap(p -> p.accounts().stream())
          .filter(a -> a.instance().equals(instance.name())).toList();
      plans.add(differ.diff(instance.name(), instance.type(), instance.config(), declared, live, Set.of(), c -> List.of()));
    }
    return new TextRenderer(Style.plain()).render(new Plan(plans));
  }
}
