package dev.roster.testing;

import dev.roster.sandbox.SandboxServer;
import dev.roster.spi.SandboxApi;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox served on a free port, and the variables a test's roster.yaml reads to reach it. Seeding
 * stays with the test: the server reads the sandbox at each request, so what a test puts in before or
 * after starting it is served the same.
 *
 * @param env what the CLI is run with
 */
public record ServedSandbox(SandboxServer server, Map<String, String> env) implements AutoCloseable {

  /** {@code api} served; env: its own variables ({@link SandboxApi#environment()}). */
  public static ServedSandbox serve(SandboxApi api) throws IOException {
    return new ServedSandbox(new SandboxServer(0, 0, List.of(api)), Map.copyOf(api.environment()));
  }

  /** {@link FakeFactory#SANDBOX}, emptied, served as type {@code fake}; env: U, its url, and T, its token. */
  public static ServedSandbox fake() throws IOException {
    FakeFactory.SANDBOX.reset();
    SandboxServer server = new SandboxServer(0, 0, List.of(FakeFactory.SANDBOX));
    return new ServedSandbox(server, Map.of("U", server.url("fake"), "T", FakeSandbox.TOKEN));
  }

  /** {@link FakeFactory#SANDBOX}, emptied, served as type {@code blindfake}; env: U, its url, and T, its token. */
  public static ServedSandbox blindFake() throws IOException {
    FakeFactory.SANDBOX.reset();
    SandboxServer server = new SandboxServer(0, 0, List.of(new HandlerSandbox("blindfake", FakeFactory.SANDBOX::handle)));
    return new ServedSandbox(server, Map.of("U", server.url("blindfake"), "T", FakeSandbox.TOKEN));
  }

  /** The same server, with one more variable. */
  public ServedSandbox with(String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return new ServedSandbox(server, Map.copyOf(more));
  }

  /** The same server, with ROSTER_SANDBOX, its root, as {@code url: ${env:ROSTER_SANDBOX}/<type>} reads it. */
  public ServedSandbox withRoot() {
    return with("ROSTER_SANDBOX", "http://127.0.0.1:" + server.port());
  }

  @Override
  public void close() {
    server.close();
  }
}
