package dev.roster.providers.keepnet;

import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A stateful fake of the Keepnet REST API, as far as target users go: the client-credentials token
 * endpoint (form-encoded only, tokens that expire), the {@code ServiceResult} envelope, and paged
 * searches with the quickstart's body rules. The company it serves, and what the API does to its
 * users, is {@link SandboxCompany}.
 */
public final class KeepnetSandbox implements SandboxApi {
  public static final String CLIENT_ID = "sandbox-keepnet-client";
  public static final String CLIENT_SECRET = "sandbox-keepnet-secret";
  public static final String COMPANY_ID = "sandboxCompany";
  /** The company's target groups, present after every reset (Roster does not manage groups). */
  public static final String ENGINEERING = "grpEngineering";
  public static final String SUPPORT = "grpSupport";
  private static final int MAX_PAGE_SIZE = 500;
  private static final long TOKEN_LIFETIME_SECONDS = 3600;

  private static final SandboxResponse NOT_FOUND = answer(404, null, "NotFound", "Resource not found", null);

  private final SandboxRouter router = new SandboxRouter();
  private final SandboxCompany company = new SandboxCompany();
  /** Every token issued since the last reset, with its expiry. */
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

  /** A request the platform refuses, with its answer: thrown where that is found out, answered by the router. */
  static final class Refused extends RuntimeException {
    final transient SandboxResponse response;

    Refused(SandboxResponse response) {
      super(null, null, false, false);
      this.response = response;
    }
  }

  public KeepnetSandbox() {
    router.on("POST", "/connect/token", (r, p) -> token(r))
        .on("POST", "/api/target-users/search", (r, p) -> authorized(r, () -> company.users(search(r))))
        .on("POST", "/api/target-users", (r, p) -> authorized(r, () -> company.create(body(r))))
        .on("GET", "/api/target-users/{id}", (r, p) -> authorized(r, () -> company.get(p.get("id"))))
        .on("PUT", "/api/target-users/{id}", (r, p) -> authorized(r, () -> company.update(p.get("id"), body(r))))
        .on("DELETE", "/api/target-users/{id}", (r, p) -> authorized(r, () -> company.delete(p.get("id"))))
        .on("POST", "/api/target-groups/search", (r, p) -> authorized(r, () -> company.groups(search(r))))
        .on("POST", "/api/target-groups/{id}/users", (r, p) -> authorized(r, () ->
            company.members(p.get("id"), search(r))));
    reset();
  }

  @Override
  public String type() {
    return KeepnetFactory.TYPE;
  }

  @Override
  public SandboxResponse handle(SandboxRequest request) {
    return router.route(request, NOT_FOUND);
  }

  @Override
  public synchronized void reset() {
    tokens.clear();
    company.clear();
    company.addGroup(ENGINEERING, "Engineering");
    company.addGroup(SUPPORT, "Support");
  }

  /**
   * alice is in Sales (the demo manifest moves her to Engineering and its group), carol is on Keepnet
   * but in no file (prune deletes her), dave is synced from SCIM (never changed: shown as skipped),
   * and bob is absent (created).
   */
  @Override
  public synchronized void seedDemo() {
    reset();
    company.addUser("alice@example.com", "Alice", "Liddell").department = "Sales";
    SandboxCompany.User carol = company.addUser("carol@example.com", "Carol", "Danvers");
    carol.department = "Support";
    company.addMember(SUPPORT, carol.resourceId);
    SandboxCompany.User dave = company.addUser("dave@example.com", "Dave", "Lister");
    dave.editable = false;
    dave.scimSettingName = "Okta";
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("KEEPNET_CLIENT_ID", CLIENT_ID, "KEEPNET_CLIENT_SECRET", CLIENT_SECRET);
  }

  /** The company's users and groups, for tests to set up and inspect. */
  SandboxCompany company() {
    return company;
  }

  int tokensIssued() {
    return tokens.size();
  }

  /** Every token issued so far stops working, as if its hour had passed. */
  void expireTokens() {
    tokens.replaceAll((t, expiry) -> Instant.EPOCH);
  }

  // ---------------------------------------------------------------- token and auth

  private SandboxResponse token(SandboxRequest r) {
    String type = r.header("content-type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      // what Keepnet does with a JSON token request
      return SandboxResponse.json(500, Map.of("message", "An error occurred while processing your request."));
    }
    Map<String, String> form = new HashMap<>();
    for (String pair : r.bodyText().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return SandboxResponse.json(400, Map.of("error", "unsupported_grant_type"));
    }
    if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      return SandboxResponse.json(400, Map.of("error", "invalid_client"));
    }
    if (!List.of(form.getOrDefault("scope", "").split(" ")).contains("api1")) {
      return SandboxResponse.json(400, Map.of("error", "invalid_scope"));
    }
    String token = "kn." + SandboxCompany.newId() + SandboxCompany.newId() + SandboxCompany.newId();
    tokens.put(token, Instant.now().plusSeconds(TOKEN_LIFETIME_SECONDS));
    return SandboxResponse.json(200, Map.of("access_token", token, "expires_in", TOKEN_LIFETIME_SECONDS,
        "token_type", "Bearer", "scope", "api1"));
  }

  private SandboxResponse authorized(SandboxRequest r, Supplier<SandboxResponse> handler) {
    String auth = r.header("authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    Instant expiry = token == null ? null : tokens.get(token);
    if (expiry == null || !Instant.now().isBefore(expiry)) {
      return SandboxResponse.empty(401)
          .withHeader("WWW-Authenticate", auth == null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }
    String company = r.header(KeepnetFactory.COMPANY_HEADER);
    if (company != null && !company.equals(COMPANY_ID)) {
      return answer(403, null, "Forbidden", "You are not authorized to manage this company", null);
    }
    try {
      return handler.get();
    } catch (Refused refused) {
      return refused.response;
    }
  }

  // ---------------------------------------------------------------- searches

  /**
   * A search body, checked by the quickstart's rules: a body, a filter, a search text, an order, a
   * direction and positive paging.
   */
  private static SandboxCompany.Search search(SandboxRequest r) {
    JsonNode body = body(r);
    check(body != null && body.isObject() && !body.isEmpty(), "The request body is required");
    JsonNode filter = field(body, "filter");
    if (!filter.isObject()) {
      // the platform dereferences the filter without a check
      throw refused(500, "Error", "Object reference not set to an instance of an object.", null);
    }
    JsonNode text = field(filter, "searchInputTextValue");
    check(text.isString(), "filter.searchInputTextValue must be a string (\"\" for none)");
    JsonNode orderBy = field(body, "orderBy");
    check(Set.of("createtime", "email", "name").contains(orderBy.asString("").toLowerCase(Locale.ROOT)),
        "orderBy must be CreateTime or Email");
    JsonNode ascending = field(body, "ascending");
    check(ascending.isBoolean(), "ascending is required");
    JsonNode number = field(body, "pageNumber");
    JsonNode size = field(body, "pageSize");
    check(number.isInt() && number.asInt() >= 1 && size.isInt() && size.asInt() >= 1,
        "pageNumber and pageSize must be positive integers");
    return new SandboxCompany.Search(number.asInt(), Math.min(MAX_PAGE_SIZE, size.asInt()),
        excludesDeleted(field(filter, "filterGroups")));
  }

  /** Whether the filter groups hold {@code IsDeleted = "false"}: the only filter field the provider sends. */
  private static boolean excludesDeleted(JsonNode filterGroups) {
    boolean excluded = false;
    for (JsonNode group : filterGroups.isArray() ? filterGroups : List.<JsonNode>of()) {
      for (JsonNode item : field(group, "filterItems")) {
        String name = field(item, "fieldName").asString("");
        check(name.equalsIgnoreCase("IsDeleted"), "unknown filter field " + name);
        JsonNode value = field(item, "value");
        excluded = (value.isString() ? value.asString() : value.toString()).equalsIgnoreCase("false");
      }
      excluded |= excludesDeleted(field(group, "filterGroups"));
    }
    return excluded;
  }

  // ---------------------------------------------------------------- answers

  /** ServiceResult&lt;T&gt;, the spec's envelope. */
  private static SandboxResponse answer(int status, Object data, String outcome, String message,
      List<String> validation) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("data", data);
    e.put("status", outcome);
    e.put("message", message);
    e.put("validationMessages", validation);
    return SandboxResponse.json(status, e);
  }

  static SandboxResponse ok(Object data, String message) {
    return answer(200, data, "Success", message, null);
  }

  static Refused refused(int status, String outcome, String message, List<String> validation) {
    return new Refused(answer(status, null, outcome, message, validation));
  }

  /** Refuses a search body as Keepnet does: 400, INPUT_ERROR, and what is wrong. */
  private static void check(boolean valid, String validation) {
    if (!valid) {
      throw refused(400, "Invalid", "INPUT_ERROR", List.of(validation));
    }
  }

  /** The body as JSON; null when it is not JSON. */
  private static JsonNode body(SandboxRequest r) {
    try {
      return r.json();
    } catch (JacksonException e) {
      return null;
    }
  }

  /** A property by name ignoring case (ASP.NET binds camelCase and PascalCase alike); a missing node if none. */
  private static JsonNode field(JsonNode node, String name) {
    if (node != null && node.isObject()) {
      for (String n : node.propertyNames()) {
        if (n.equalsIgnoreCase(name)) {
          return node.get(n);
        }
      }
    }
    return MissingNode.getInstance();
  }
}
