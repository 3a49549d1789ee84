package dev.roster.testing;

import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code sandbox} as the server reaches it through {@code answer}, which answers some requests itself
 * (a fault, say) or holds or counts them, and passes the rest on to {@code sandbox.handle}. Type,
 * reset, seed and credentials are the sandbox's own.
 */
public record InterceptedSandbox(SandboxApi sandbox, Function<SandboxRequest, SandboxResponse> answer)
    implements SandboxApi {
  @Override
  public String type() {
    return sandbox.type();
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    return answer.apply(request);
  }

  @Override
  public void reset() {
    sandbox.reset();
  }

  @Override
  public void seedDemo() {
    sandbox.seedDemo();
  }

  @Override
  public Map<String, String> environment() {
    return sandbox.environment();
  }
}
