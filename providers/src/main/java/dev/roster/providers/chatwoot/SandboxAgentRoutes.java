package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxAccess.member;
import static dev.roster.providers.chatwoot.SandboxInstallation.AVAILABILITIES;
import static dev.roster.providers.chatwoot.SandboxInstallation.EMAIL;
import static dev.roster.providers.chatwoot.SandboxInstallation.ROLES;
import static dev.roster.providers.chatwoot.SandboxJson.enumError;
import static dev.roster.providers.chatwoot.SandboxJson.error;
import static dev.roster.providers.chatwoot.SandboxJson.invalid;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's Application API: the agents of one account, with a user's access token; any member
 * may list them, only administrators change them, and 402 at the account's licence limit.
 */
final class SandboxAgentRoutes {
  private final SandboxInstallation data;

  SandboxAgentRoutes(SandboxInstallation data) {
    this.data = data;
  }

  void addTo(SandboxRouter router) {
    router.on("GET", "/api/v1/accounts/{account}/agents", member(data, false, (r, p, a) -> list(a)))
        .on("POST", "/api/v1/accounts/{account}/agents", member(data, true, this::create))
        .on("PATCH", "/api/v1/accounts/{account}/agents/{id}", member(data, true, this::update))
        .on("PUT", "/api/v1/accounts/{account}/agents/{id}", member(data, true, this::update))
        .on("DELETE", "/api/v1/accounts/{account}/agents/{id}", member(data, true, this::delete));
  }

  /** Ordered by name, like Chatwoot's {@code lower(name)}. */
  SandboxResponse list(Account account) {
    List<Map<String, Object>> agents = account.members.values().stream()
        .map(m -> SandboxJson.agent(account, m, data.users.get(m.userId)))
        .sorted(Comparator.comparing(a -> String.valueOf(a.get("name")).toLowerCase(Locale.ROOT)))
        .toList();
    return SandboxResponse.json(200, agents);
  }

  /** Chatwoot's AgentBuilder: reuses the user with this e-mail, or creates and invites one. */
  private SandboxResponse create(SandboxRequest r, Map<String, String> p, Account account) {
    JsonNode body = agentParams(r);
    if (body == null) {
      return error(422, "param is missing or the value is empty: agent");
    }
    String email = body.path("email").asString("").strip().toLowerCase(Locale.ROOT);
    if (!email.matches(EMAIL)) {
      return invalid(email.isEmpty() ? "Email can't be blank" : "Email is invalid", "email");
    }
    String role = body.path("role").asString("agent");
    String availability = body.path("availability").asString("offline");
    if (!ROLES.contains(role)) {
      return enumError("role", role);
    }
    if (!AVAILABILITIES.contains(availability)) {
      return enumError("availability", availability);
    }
    if (account.members.size() >= account.agentLimit) {
      return error(402, "Account limit exceeded. Please purchase more licenses");
    }
    User user = data.userByEmail(email);
    if (user != null && account.members.containsKey(user.id)) {
      return invalid("User has already been taken", "user_id");
    }
    if (user == null) {
      user = data.newUser(body.path("name").asString(""), email, "1!aA" + UUID.randomUUID().toString().substring(0, 12));
      data.invitations.add(email); // unconfirmed: Devise sends the confirmation e-mail
    }
    Member member = data.join(account, user);
    member.role = role;
    member.availability = availability;
    member.autoOffline = body.path("auto_offline").asBoolean(false);
    return SandboxResponse.json(200, SandboxJson.agent(account, member, user));
  }

  private SandboxResponse update(SandboxRequest r, Map<String, String> p, Account account) {
    Member member = account.members.get(SandboxInstallation.parseId(p.get("id")));
    if (member == null) {
      return error(404, "Resource could not be found");
    }
    JsonNode body = agentParams(r);
    if (body == null) {
      return error(422, "param is missing or the value is empty: agent");
    }
    if (body.has("role") && !ROLES.contains(body.get("role").asString(""))) {
      return enumError("role", body.get("role").asString(""));
    }
    if (body.has("availability") && !AVAILABILITIES.contains(body.get("availability").asString(""))) {
      return enumError("availability", body.get("availability").asString(""));
    }
    User user = data.users.get(member.userId);
    if (body.has("name")) {
      user.name = body.get("name").asString(); // the user's, in every account
    }
    if (body.has("role")) {
      member.role = body.get("role").asString();
    }
    if (body.has("availability")) {
      member.availability = body.get("availability").asString();
    }
    if (body.has("auto_offline")) {
      member.autoOffline = body.get("auto_offline").asBoolean();
    }
    return SandboxResponse.json(200, SandboxJson.agent(account, member, user));
  }

  private SandboxResponse delete(SandboxRequest r, Map<String, String> p, Account account) {
    if (!data.leave(account, SandboxInstallation.parseId(p.get("id")))) {
      return error(404, "Resource could not be found");
    }
    return SandboxResponse.empty(200);
  }

  /** {@code params.require(:agent)}: wrap_parameters wraps a flat JSON body under "agent". */
  private static JsonNode agentParams(SandboxRequest r) {
    JsonNode body = r.json();
    if (body == null || !body.isObject()) {
      return null;
    }
    JsonNode agent = body.has("agent") ? body.get("agent") : body;
    return agent.isObject() && !agent.isEmpty() ? agent : null;
  }
}
