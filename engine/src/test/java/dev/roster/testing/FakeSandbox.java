package dev.roster.testing;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxRouter;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The fake platform: accounts in memory, a token, and {@code {"error": …}} bodies. */
public final class FakeSandbox implements SandboxApi {
  public static final String TOKEN = "fake-token-1234";
  private volatile String token = TOKEN;
  private final Map<String, Map<String, Object>> accounts = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final SandboxRouter router = new SandboxRouter()
      .on("GET", "/accounts", (r, p) -> SandboxResponse.json(200, list()))
      .on("POST", "/accounts", (r, p) -> create(r))
      .on("PUT", "/accounts/{id}", (r, p) -> update(p.get("id"), r))
      .on("DELETE", "/accounts/{id}", (r, p) -> delete(p.get("id")));

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public synchronized SandboxResponse handle(SandboxRequest request) {
    if (!("Token " + token).equals(request.header("Authorization"))) {
      return SandboxResponse.json(401, Map.of("error", "Invalid token"));
    }
    return router.route(request, SandboxResponse.json(404, Map.of("error", "Not found")));
  }

  /** Accept another token (until reset), e.g. a canary. */
  public void useToken(String token) {
    this.token = token;
  }

  public synchronized List<Map<String, Object>> list() {
    return new ArrayList<>(accounts.values());
  }

  public synchronized Map<String, Object> put(Map<String, Object> account) {
    Map<String, Object> a = new LinkedHashMap<>(account);
    String id = String.valueOf(ids.incrementAndGet());
    a.put("id", id);
    accounts.put(id, a);
    return a;
  }

  private SandboxResponse create(SandboxRequest r) {
    @SuppressWarnings("unchecked")
    Map<String, Object> body = Json.MAPPER.convertValue(r.json(), Map.class);
    if (accounts.values().stream().anyMatch(a -> String.valueOf(a.get("login")).equalsIgnoreCase(String.valueOf(body.get("login"))))) {
      return SandboxResponse.json(422, Map.of("error", "login has already been taken"));
    }
    body.remove("password");
    return SandboxResponse.json(200, put(body));
  }

  /** By id, or by login: the write-only variant of the fake knows only logins. */
  private String idOf(String idOrLogin) {
    if (accounts.containsKey(idOrLogin)) {
      return idOrLogin;
    }
    return accounts.entrySet().stream().filter(e -> idOrLogin.equals(e.getValue().get("login")))
        .map(Map.Entry::getKey).findFirst().orElse(idOrLogin);
  }

  private SandboxResponse update(String id, SandboxRequest r) {
    Map<String, Object> a = accounts.get(idOf(id));
    if (a == null) {
      return SandboxResponse.json(404, Map.of("error", "no account " + id));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = Json.MAPPER.convertValue(r.json(), Map.class);
    body.forEach((k, v) -> {
      if (k.equals("prefs") && v instanceof Map<?, ?> m && a.get("prefs") instanceof Map<?, ?> old) {
        Map<Object, Object> merged = new LinkedHashMap<>(old);
        merged.putAll(m);
        a.put(k, merged);
      } else {
        a.put(k, v);
      }
    });
    return SandboxResponse.json(200, a);
  }

  private SandboxResponse delete(String id) {
    return accounts.remove(idOf(id)) == null ? SandboxResponse.json(404, Map.of("error", "no account " + id))
        : SandboxResponse.empty(204);
  }

  @Override
  public synchronized void reset() {
    accounts.clear();
    token = TOKEN;
  }

  @Override
  public void seedDemo() {
    put(Map.of("login", "alice", "email", "alice@example.com", "role", "member"));
    put(Map.of("login", "carol", "email", "carol@example.com", "role", "member"));
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("FAKE_TOKEN", TOKEN);
  }
}
