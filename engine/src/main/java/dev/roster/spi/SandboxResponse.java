package dev.roster.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A sandbox's answer. */
public record SandboxResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  public static SandboxResponse json(int status, Object body) {
    return new SandboxResponse(status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body), Map.of());
  }

  public static SandboxResponse text(int status, String body) {
    return new SandboxResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static SandboxResponse empty(int status) {
    return new SandboxResponse(status, null, new byte[0], Map.of());
  }

  public SandboxResponse withHeader(String name, String value) {
    var h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new SandboxResponse(status, contentType, body, h);
  }
}
