package dev.roster.testing;

import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.util.Map;
import java.util.function.Function;

/** A sandbox that is only its answers: nothing to reset, seed or give credentials for. */
public record HandlerSandbox(String type, Function<SandboxRequest, SandboxResponse> answer) implements SandboxApi {
  @Override
  public SandboxResponse handle(SandboxRequest request) {
    return answer.apply(request);
  }

  @Override
  public void reset() {}

  @Override
  public void seedDemo() {}

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }
}
