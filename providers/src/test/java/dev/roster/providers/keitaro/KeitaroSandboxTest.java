package dev.roster.providers.keitaro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox refuses a login that a live user holds, and follows renames and deletions (it keeps an index). */
class KeitaroSandboxTest {
  private final KeitaroSandbox sandbox = new KeitaroSandbox();

  @Test
  void aLoginIsTakenWhileALiveUserHoldsIt() {
    long ann = ((Number) sandbox.add("ann", "USER").get("id")).longValue();
    assertEquals(406, create("ann").status());
    assertTrue(new String(create("ann").body(), StandardCharsets.UTF_8).contains("Login already exists"));

    assertEquals(200, send("PUT", "/users/" + ann, "{\"login\":\"bea\"}").status());
    assertEquals(200, create("ann").status(), "the old login is free after a rename");
    assertEquals(406, create("bea").status(), "the new one is taken");

    assertEquals(201, send("DELETE", "/users/" + ann, "").status());
    assertEquals(200, create("bea").status(), "a deleted user's login is free");
    sandbox.reset();
    assertEquals(200, create("ann").status(), "reset forgets every login");
  }

  @Test
  void aRenameOntoALoginALiveUserHoldsIsRefusedAndChangesNothing() {
    long ann = ((Number) sandbox.add("ann", "USER").get("id")).longValue();
    sandbox.add("bea", "USER");
    SandboxResponse refused = send("PUT", "/users/" + ann, "{\"login\":\"bea\",\"type\":\"ADMIN\"}");
    assertEquals(406, refused.status());
    assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("Login already exists"));
    assertEquals(Map.of("ann", "USER", "bea", "USER"), loginsAndTypes(), "a refused update writes nothing");
    assertEquals(406, send("PUT", "/users/" + ann, "{\"login\":\" \"}").status());
    assertEquals(200, send("PUT", "/users/" + ann, "{\"login\":\"ann\"}").status(), "its own login is not taken");
  }

  private Map<Object, Object> loginsAndTypes() {
    Map<Object, Object> out = new java.util.HashMap<>();
    sandbox.users().forEach(u -> out.put(u.get("login"), u.get("type")));
    return out;
  }

  private SandboxResponse create(String login) {
    return send("POST", "/users", "{\"login\":\"" + login + "\",\"new_password\":\"pw-123456\","
        + "\"new_password_confirmation\":\"pw-123456\",\"type\":\"USER\"}");
  }

  private SandboxResponse send(String method, String path, String json) {
    return sandbox.handle(new SandboxRequest(method, "admin_api/v1" + path, null,
        Map.of("api-key", List.of(KeitaroSandbox.API_KEY), "content-type", List.of("application/json")),
        json.getBytes(StandardCharsets.UTF_8)));
  }
}
