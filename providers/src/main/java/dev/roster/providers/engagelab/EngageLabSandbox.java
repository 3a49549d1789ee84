package dev.roster.providers.engagelab;

import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A stateful EngageLab MA user API following NOTES.md section 5: HTTP Basic auth with an API data
 * source's key and secret, every answer {@code {"code", "message"}} where any code but 0 is a failure
 * (answered with HTTP 200, the docs naming no status), {@code register} creating the users it does
 * not find, typed properties, contacts, and no way to list, read or delete users.
 *
 * <p>Sandbox choices where the docs are silent: a property's type is fixed by the first value it is
 * given in the project (a later value of another type is code 55102, as a property defined in the
 * console with another type would be); an empty value is code 55103; a missing or unknown euid is
 * 40007; a malformed request is HTTP 400 with code 40000 (a code the docs do not list).
 */
public final class EngageLabSandbox implements SandboxApi {
  public static final String API_KEY = "sandbox-engagelab-key";
  public static final String API_SECRET = "sandbox-engagelab-secret";
  static final int FIRST_EUID = 10362473;

  /** One MA user as the sandbox holds it. */
  public record User(long euid, String userId, Map<String, Object> properties, Map<String, String> contacts) {
    User copy() {
      return new User(euid, userId, Collections.unmodifiableMap(new LinkedHashMap<>(properties)),
          Collections.unmodifiableMap(new LinkedHashMap<>(contacts)));
    }
  }

  private final Map<Long, User> users = new TreeMap<>();
  private final Map<String, Long> euidByUserId = new LinkedHashMap<>();
  /** Property name to its type: string, number, boolean or datetime. */
  private final Map<String, String> propertyTypes = new LinkedHashMap<>();
  private long nextEuid = FIRST_EUID;
  private final SandboxRouter router = new SandboxRouter()
      .on("POST", "/v1/user/register", (r, p) -> register(r.json()))
      .on("POST", "/v1/user/property", (r, p) -> property(r.json()))
      .on("POST", "/v1/user/contact", (r, p) -> contact(r.json()));

  @Override
  public String type() {
    return "engagelab";
  }

  @Override
  public synchronized SandboxResponse handle(SandboxRequest request) {
    if (!expectedAuthorization().equals(request.header("Authorization"))) {
      return answer(40050, "API authentication failed");
    }
    try {
      return router.route(request, SandboxResponse.json(404, Map.of("code", 404, "message", "Not Found")));
    } catch (RuntimeException badJson) {
      return SandboxResponse.json(400, Map.of("code", 40000, "message", "invalid request body"));
    }
  }

  static String expectedAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8));
  }

  // ---- state, for tests and the demo

  /** Every user by user_id, as copies. */
  public synchronized Map<String, User> users() {
    Map<String, User> out = new LinkedHashMap<>();
    euidByUserId.forEach((id, euid) -> out.put(id, users.get(euid).copy()));
    return out;
  }

  /** The user with this user_id, or null. */
  public synchronized User user(String userId) {
    Long euid = euidByUserId.get(userId);
    return euid == null ? null : users.get(euid).copy();
  }

  /** A user registered outside Roster (the console, an SDK). */
  public synchronized User add(String userId, Map<String, Object> properties, Map<String, String> contacts) {
    User u = registerOne(userId);
    setProperties(u, properties);
    u.contacts().putAll(contacts);
    return u.copy();
  }

  // ---- endpoints

  private SandboxResponse register(JsonNode body) {
    if (!"user_id".equals(body.path("identity_name").asString(""))) {
      return invalid("identity_name must be user_id in this sandbox");
    }
    JsonNode values = body.path("identity_values");
    if (!values.isArray() || values.isEmpty() || values.size() > 100) {
      return invalid("identity_values must hold 1 to 100 values");
    }
    for (JsonNode v : values) {
      if (!v.isString() || v.asString().isEmpty() || v.asString().length() > 256) {
        return invalid("each identity value must be a string of 1 to 256 characters");
      }
    }
    List<Map<String, Object>> data = new ArrayList<>();
    for (JsonNode v : values) {
      User u = registerOne(v.asString());
      data.add(Map.of("identity_value", u.userId(), "euid", u.euid()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", 0);
    out.put("message", "success");
    out.put("data", data);
    return SandboxResponse.json(200, out);
  }

  private User registerOne(String userId) {
    Long euid = euidByUserId.get(userId);
    if (euid == null) {
      euid = nextEuid++;
      euidByUserId.put(userId, euid);
      users.put(euid, new User(euid, userId, new LinkedHashMap<>(), new LinkedHashMap<>()));
    }
    return users.get(euid);
  }

  private SandboxResponse property(JsonNode body) {
    User u = user(body.path("euid"));
    if (u == null) {
      return answer(40007, "EUID is empty or does not exist");
    }
    String type = body.path("type").asString("");
    JsonNode properties = body.path("properties");
    if (!properties.isObject() || properties.isEmpty()) {
      return invalid("properties must be a non-empty object");
    }
    switch (type) {
      case "set" -> {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : properties.propertyNames()) {
          JsonNode v = properties.get(name);
          if (v.isNull() || (v.isString() && v.asString().isEmpty())) {
            return answer(55103, "Property value cannot be empty");
          }
          Object value = v.isString() ? v.asString() : v.isBoolean() ? (Object) v.asBoolean()
              : v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : null;
          String known = propertyTypes.get(name);
          if (name.isEmpty() || value == null || known != null && !known.equals(typeOf(value))) {
            return answer(55102, "Invalid user attributes exist");
          }
          values.put(name, value);
        }
        setProperties(u, values);
      }
      case "delete" -> properties.propertyNames().forEach(u.properties()::remove);
      default -> {
        return invalid("type " + type + " is not supported by this sandbox (set, delete)");
      }
    }
    return answer(0, "success");
  }

  private SandboxResponse contact(JsonNode body) {
    User u = user(body.path("euid"));
    if (u == null) {
      return answer(40007, "EUID is empty or does not exist");
    }
    JsonNode contacts = body.path("contacts");
    if (!contacts.isObject() || contacts.isEmpty()) {
      return invalid("contacts must be a non-empty object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : contacts.propertyNames()) {
      JsonNode v = contacts.get(name);
      if (!name.equals("email") && !name.equals("mobile_phone")) {
        return answer(55102, "Invalid user attributes exist");
      }
      if (v.isNull() || (v.isString() && v.asString().isEmpty())) {
        return answer(55103, "Contact value cannot be empty");
      }
      if (!v.isString()) {
        return answer(55102, "Invalid user attributes exist");
      }
      values.put(name, v.asString());
    }
    u.contacts().putAll(values);
    return answer(0, "success");
  }

  /** Sets the values; a property's first value fixes its type. */
  private void setProperties(User u, Map<String, Object> values) {
    values.forEach((name, value) -> {
      propertyTypes.putIfAbsent(name, typeOf(value));
      u.properties().put(name, value);
    });
  }

  private User user(JsonNode euid) {
    return euid.isIntegralNumber() ? users.get(euid.asLong()) : null;
  }

  static String typeOf(Object value) {
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    String s = String.valueOf(value);
    try {
      LocalDateTime.parse(s, AccountRules.DATETIME);
      return "datetime";
    } catch (DateTimeParseException notADatetime) {
      return "string";
    }
  }

  private static SandboxResponse answer(int code, String message) {
    return SandboxResponse.json(200, Map.of("code", code, "message", message));
  }

  private static SandboxResponse invalid(String message) {
    return SandboxResponse.json(400, Map.of("code", 40000, "message", "invalid parameter: " + message));
  }

  @Override
  public synchronized void reset() {
    users.clear();
    euidByUserId.clear();
    propertyTypes.clear();
    nextEuid = FIRST_EUID;
  }

  /**
   * EngageLab cannot be read, so no seed changes what {@code roster demo} plans: with no state file
   * yet, every declared value is planned as a set. Seeded: alice, registered earlier outside Roster
   * (the console, an SDK) with an old plan property that Roster's set overwrites; and carol, whom no
   * file declares and Roster never recorded, so Roster never touches her (it cannot see her).
   */
  @Override
  public synchronized void seedDemo() {
    add("alice@example.com", Map.of("plan", "free"), Map.of("email", "alice@example.com"));
    add("carol@example.com", Map.of("plan", "pro"), Map.of());
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("ENGAGELAB_API_KEY", API_KEY, "ENGAGELAB_API_SECRET", API_SECRET);
  }
}
