package dev.roster.cli;

import dev.roster.spi.SandboxApi;
import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.ProviderFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Serve every provider's sandbox API on 127.0.0.1 until stopped (Ctrl-C).",
    footer = {"", "Examples:", "  roster sandbox --port 8900 --latency 20",
        "  # then, in another shell, with the printed exports:", "  roster plan -f examples/sandbox"})
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand RosterCommand root;

  @Option(names = "--port", defaultValue = "8900", description = "Port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--latency", paramLabel = "MS", defaultValue = "0", description = "How long each answer takes (its own work included).")
  long latency;

  @Option(names = "--empty", description = "Start with no accounts instead of the demo's.")
  boolean empty;

  static List<SandboxApi> sandboxes(Session session) {
    return session.factories.values().stream().map(ProviderFactory::sandbox).flatMap(Optional::stream).toList();
  }

  @Override
  public Integer call() throws Exception {
    Session session = root.session;
    List<SandboxApi> apis = sandboxes(session);
    apis.forEach(api -> {
      api.reset();
      if (!empty) {
        api.seedDemo();
      }
    });
    SandboxServer server = new SandboxServer(port, latency, apis);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    var out = session.env.out();
    out.println("Sandbox serving " + apis.size() + " platform(s) on http://127.0.0.1:" + server.port());
    apis.forEach(api -> out.println("  " + api.type() + ": " + server.url(api.type())));
    out.println("For the example manifest, export:");
    out.println("  export ROSTER_SANDBOX=http://127.0.0.1:" + server.port());
    apis.forEach(api -> api.environment().forEach((k, v) -> out.println("  export " + k + "=" + v)));
    out.println("Then: roster plan -f examples/sandbox    (Ctrl-C stops the sandbox)");
    out.flush();
    new CountDownLatch(1).await();
    return ExitCodes.OK;
  }
}
