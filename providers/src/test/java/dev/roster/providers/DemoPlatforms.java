package dev.roster.providers;

import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.SandboxApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every provider's sandbox, seeded as the demo seeds it, served on a free port: what the sandbox
 * example ({@code examples/sandbox}) and the dated example expect to find.
 *
 * @param env the variables the examples read (ROSTER_SANDBOX and each platform's credentials)
 */
record DemoPlatforms(SandboxServer server, Map<String, String> env) implements AutoCloseable {

  static DemoPlatforms start() throws java.io.IOException {
    List<SandboxApi> apis = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
        .map(ProviderFactory::sandbox).flatMap(Optional::stream).toList();
    apis.forEach(a -> {
      a.reset();
      a.seedDemo();
    });
    SandboxServer server = new SandboxServer(0, 0, apis);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
    apis.forEach(a -> env.putAll(a.environment()));
    return new DemoPlatforms(server, env);
  }

  @Override
  public void close() {
    server.close();
  }
}
