package dev.roster.providers.keitaro;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A stateful Keitaro Admin API v1 (users) following NOTES.md section 3: {@code Api-Key} auth,
 * {@code {"error": …}} bodies, 406 with field messages, DELETE answering 201, and deleted users
 * lingering in the list with {@code state: deleted}.
 */
public final class KeitaroSandbox implements SandboxApi {
  public static final String API_KEY = "sandbox-keitaro-key";
  private static final String PREFIX = "/admin_api/v1";
  private static final Set<String> TYPES = Set.of("USER", "ADMIN");

  private final Map<Long, Map<String, Object>> users = new TreeMap<>();
  /** Ids by login, deleted users' too (a look-up checks the state): a create finds a clash without a scan. */
  private final Map<String, List<Long>> idsByLogin = new HashMap<>();
  private long nextId = 1;
  private final SandboxRouter router = new SandboxRouter()
      .on("GET", PREFIX + "/users", (r, p) -> SandboxResponse.json(200, new ArrayList<>(users.values())))
      .on("GET", PREFIX + "/users/{id}", (r, p) -> withUser(p, u -> SandboxResponse.json(200, u)))
      .on("POST", PREFIX + "/users", (r, p) -> create(r))
      .on("PUT", PREFIX + "/users/{id}", (r, p) -> withUser(p, u -> update(u, r)))
      .on("PUT", PREFIX + "/users/{id}/access", (r, p) -> withUser(p, u -> access(u, r)))
      .on("DELETE", PREFIX + "/users/{id}", (r, p) -> withUser(p, u -> {
        u.put("state", "deleted");
        return SandboxResponse.json(201, Map.of("success", true));
      }));

  @Override
  public String type() {
    return "keitaro";
  }

  @Override
  public synchronized SandboxResponse handle(SandboxRequest request) {
    String key = request.header("Api-Key");
    if (key == null || !key.equals(API_KEY)) {
      return SandboxResponse.json(401, Map.of("error", "Unauthorized"));
    }
    try {
      return router.route(request, SandboxResponse.json(404, Map.of("error", "Not found")));
    } catch (RuntimeException badJson) {
      return SandboxResponse.json(400, Map.of("error", "Bad request: " + badJson.getMessage()));
    }
  }

  /** The users as the API lists them, deleted ones included. */
  public synchronized List<Map<String, Object>> users() {
    return users.values().stream().map(u -> (Map<String, Object>) new LinkedHashMap<>(u)).toList();
  }

  public synchronized Map<String, Object> add(String login, String type) {
    Map<String, Object> u = new LinkedHashMap<>();
    long id = nextId++;
    u.put("id", id);
    u.put("login", login);
    u.put("type", type);
    u.put("state", "active");
    u.put("key_count", 0);
    u.put("preferences", new LinkedHashMap<>(Map.of("language", "en", "timezone", "UTC")));
    Map<String, Object> access = new LinkedHashMap<>();
    AccessRights.TYPES.values().forEach(t -> access.put(t, "full_access"));
    access.put("resources", List.of());
    access.put("allowed_resources", List.of());
    access.put("reports", List.of());
    u.put("access_data", access);
    users.put(id, u);
    idsByLogin.computeIfAbsent(login, k -> new ArrayList<>()).add(id);
    return u;
  }

  private SandboxResponse withUser(Map<String, String> params, Function<Map<String, Object>, SandboxResponse> handler) {
    Map<String, Object> u;
    try {
      u = users.get(Long.parseLong(params.get("id")));
    } catch (NumberFormatException notANumber) {
      u = null;
    }
    if (u == null || "deleted".equals(u.get("state"))) {
      return SandboxResponse.json(404, Map.of("error", "Not found"));
    }
    return handler.apply(u);
  }

  private SandboxResponse create(SandboxRequest r) {
    JsonNode body = r.json();
    Map<String, List<String>> problems = new LinkedHashMap<>();
    String login = body.path("login").asString("");
    if (login.isBlank()) {
      problems.put("login", List.of("Login is required"));
    } else if (takenByAnother(login, 0)) {
      problems.put("login", List.of("Login already exists"));
    }
    String password = body.path("new_password").asString("");
    if (password.isEmpty()) {
      problems.put("new_password", List.of("Password is required"));
    } else if (!password.equals(body.path("new_password_confirmation").asString(""))) {
      problems.put("new_password_confirmation", List.of("Passwords do not match"));
    }
    String type = body.path("type").asString("");
    if (!TYPES.contains(type)) {
      problems.put("type", List.of("Type must be USER or ADMIN"));
    }
    if (!problems.isEmpty()) {
      return SandboxResponse.json(406, problems);
    }
    Map<String, Object> u = add(login, type);
    if (body.path("preferences").isObject()) {
      u.put("preferences", Json.MAPPER.convertValue(body.get("preferences"), Map.class));
    }
    return SandboxResponse.json(200, u);
  }

  private SandboxResponse update(Map<String, Object> u, SandboxRequest r) {
    JsonNode body = r.json();
    if (body.has("login")) {
      // checked before anything is written: a refused update changes nothing
      String login = body.get("login").asString("");
      if (login.isBlank()) {
        return SandboxResponse.json(406, Map.of("login", List.of("Login is required")));
      }
      if (takenByAnother(login, (long) u.get("id"))) {
        return SandboxResponse.json(406, Map.of("login", List.of("Login already exists")));
      }
    }
    if (body.has("type")) {
      if (!TYPES.contains(body.get("type").asString(""))) {
        return SandboxResponse.json(406, Map.of("type", List.of("Type must be USER or ADMIN")));
      }
      u.put("type", body.get("type").asString());
    }
    if (body.path("preferences").isObject()) {
      u.put("preferences", Json.MAPPER.convertValue(body.get("preferences"), Map.class));
    }
    if (body.has("login")) {
      String login = body.get("login").asString();
      Long id = (Long) u.get("id");
      Object previous = u.put("login", login);
      idsByLogin.get(previous).remove(id);
      idsByLogin.computeIfAbsent(login, k -> new ArrayList<>()).add(id);
    }
    return SandboxResponse.json(200, u);
  }

  /** Whether a live user other than the one with id {@code id} (0 for none) has this login. */
  private boolean takenByAnother(String login, long id) {
    return idsByLogin.getOrDefault(login, List.of()).stream().filter(other -> other != id).map(users::get)
        .anyMatch(u -> login.equals(u.get("login")) && !"deleted".equals(u.get("state")));
  }

  @SuppressWarnings("unchecked")
  private SandboxResponse access(Map<String, Object> u, SandboxRequest r) {
    JsonNode data = r.json().path("access_data");
    if (!data.isObject()) {
      return SandboxResponse.json(400, Map.of("error", "access_data is required"));
    }
    Map<String, Object> access = (Map<String, Object>) u.get("access_data");
    access.putAll(Json.MAPPER.convertValue(data, Map.class));
    return SandboxResponse.json(200, u);
  }

  @Override
  public synchronized void reset() {
    users.clear();
    idsByLogin.clear();
    nextId = 1;
  }

  @Override
  public synchronized void seedDemo() {
    add("admin", "ADMIN");
    add("alice", "USER");
    add("carol", "USER");
    add("olga", "USER").put("state", "deleted");
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("KEITARO_API_KEY", API_KEY);
  }
}
