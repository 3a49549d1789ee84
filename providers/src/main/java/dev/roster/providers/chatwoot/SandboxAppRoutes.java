package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxInstallation.AVAILABILITIES;
import static dev.roster.providers.chatwoot.SandboxInstallation.EMAIL;
import static dev.roster.providers.chatwoot.SandboxInstallation.ROLES;
import static dev.roster.providers.chatwoot.SandboxInstallation.idOf;
import static dev.roster.providers.chatwoot.SandboxInstallation.parseId;
import static dev.roster.providers.chatwoot.SandboxJson.enumError;
import static dev.roster.providers.chatwoot.SandboxJson.error;
import static dev.roster.providers.chatwoot.SandboxJson.invalid;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Group;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's Application API, called with a user's access token about one account. Every request
 * passes Chatwoot's checks in Chatwoot's order: the token (checked already by {@link ChatwootSandbox}),
 * the account, the caller's membership of it, and for writes the administrator role. An agent sees
 * only the inboxes it is a member of. For team and inbox members alike, {@code POST} adds,
 * {@code DELETE} removes and {@code PATCH} replaces the whole list; ids that are not agents of the
 * account are refused, with 401 for teams (as Chatwoot's TeamMembersController does) and 422 for inboxes.
 */
final class SandboxAppRoutes {
  private static final String ACCOUNT = "/api/v1/accounts/{account}";
  private static final String TEAM_MEMBERS = ACCOUNT + "/teams/{team}/team_members";
  private static final String INBOX_MEMBERS = ACCOUNT + "/inbox_members";
  private static final String NOT_FOUND = "Resource could not be found";

  private final SandboxInstallation data;

  SandboxAppRoutes(SandboxInstallation data) {
    this.data = data;
  }

  void addTo(SandboxRouter router) {
    router.on("GET", ACCOUNT + "/agents", member(false, this::agents))
        .on("POST", ACCOUNT + "/agents", member(true, this::createAgent))
        .on("PATCH", ACCOUNT + "/agents/{id}", member(true, this::updateAgent))
        .on("PUT", ACCOUNT + "/agents/{id}", member(true, this::updateAgent))
        .on("DELETE", ACCOUNT + "/agents/{id}", member(true, this::deleteAgent))
        .on("GET", ACCOUNT + "/teams", member(false, this::teams))
        .on("GET", TEAM_MEMBERS, member(false, this::teamMembers))
        .on("GET", ACCOUNT + "/inboxes", member(false, this::inboxes))
        .on("GET", INBOX_MEMBERS + "/{inbox}", member(false, this::inboxMembers));
    for (String method : List.of("POST", "PATCH", "DELETE")) {
      router.on(method, TEAM_MEMBERS, member(true, this::editTeam))
          .on(method, INBOX_MEMBERS, member(true, this::editInbox));
    }
  }

  private interface AccountHandler {
    SandboxResponse handle(SandboxRequest request, Map<String, String> params, Account account, Member caller);
  }

  /** The account (404), the caller's membership of it (401), and for writes the administrator role (401). */
  private BiFunction<SandboxRequest, Map<String, String>, SandboxResponse> member(boolean write,
      AccountHandler handler) {
    return (r, p) -> {
      Account account = data.accounts.get(parseId(p.get("account")));
      if (account == null) {
        return error(404, NOT_FOUND);
      }
      Member caller = account.members.get(data.userByToken(r.header(ChatwootFactory.TOKEN_HEADER)).id);
      if (caller == null) {
        return error(401, "You are not authorized to access this account");
      }
      if (write && !isAdministrator(caller)) {
        return error(401, "You are not authorized to do this action");
      }
      return handler.handle(r, p, account, caller);
    };
  }

  private static boolean isAdministrator(Member member) {
    return "administrator".equals(member.role);
  }

  // ------------------------------------------------------------------ agents

  private SandboxResponse agents(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    return SandboxResponse.json(200, SandboxJson.agentsByName(account, data.users));
  }

  /** Chatwoot's AgentBuilder: reuses the user with this e-mail, or creates and invites one. */
  private SandboxResponse createAgent(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    JsonNode body = agentParams(r);
    if (body == null) {
      return error(422, "param is missing or the value is empty: agent");
    }
    String email = SandboxJson.email(body);
    if (!email.matches(EMAIL)) {
      return invalid(email.isEmpty() ? "Email can't be blank" : "Email is invalid", "email");
    }
    String role = body.path("role").asString("agent");
    String availability = body.path("availability").asString("offline");
    if (!ROLES.contains(role) || !AVAILABILITIES.contains(availability)) {
      return unknownEnum(role, availability);
    }
    if (account.members.size() >= account.agentLimit) {
      return error(402, "Account limit exceeded. Please purchase more licenses");
    }
    User user = data.userByEmail(email);
    if (user != null && account.members.containsKey(user.id)) {
      return invalid("User has already been taken", "user_id");
    }
    if (user == null) {
      String password = "1!aA" + UUID.randomUUID().toString().substring(0, 12);
      user = data.newUser(body.path("name").asString(""), email, password);
      data.invitations.add(email); // unconfirmed: Devise sends the confirmation e-mail
    }
    Member member = data.join(account, user);
    member.role = role;
    member.availability = availability;
    member.autoOffline = body.path("auto_offline").asBoolean(false);
    return SandboxResponse.json(200, SandboxJson.agent(account, member, user));
  }

  private SandboxResponse updateAgent(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    Member member = account.members.get(parseId(p.get("id")));
    if (member == null) {
      return error(404, NOT_FOUND);
    }
    JsonNode body = agentParams(r);
    if (body == null) {
      return error(422, "param is missing or the value is empty: agent");
    }
    String role = body.has("role") ? body.get("role").asString("") : member.role;
    String availability = body.has("availability") ? body.get("availability").asString("") : member.availability;
    if (!ROLES.contains(role) || !AVAILABILITIES.contains(availability)) {
      return unknownEnum(role, availability);
    }
    User user = data.users.get(member.userId);
    if (body.has("name")) {
      user.name = body.get("name").asString(); // the user's, in every account
    }
    member.role = role;
    member.availability = availability;
    if (body.has("auto_offline")) {
      member.autoOffline = body.get("auto_offline").asBoolean();
    }
    return SandboxResponse.json(200, SandboxJson.agent(account, member, user));
  }

  private SandboxResponse deleteAgent(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    if (!data.leave(account, parseId(p.get("id")))) {
      return error(404, NOT_FOUND);
    }
    return SandboxResponse.empty(200);
  }

  /** A Rails enum given an unknown value raises ArgumentError: a 500, not a 422. The role is checked first. */
  private static SandboxResponse unknownEnum(String role, String availability) {
    return ROLES.contains(role) ? enumError("availability", availability) : enumError("role", role);
  }

  /** {@code params.require(:agent)}: wrap_parameters wraps a flat JSON body under "agent". */
  private static JsonNode agentParams(SandboxRequest r) {
    JsonNode body = r.json();
    if (!body.isObject()) {
      return null;
    }
    JsonNode agent = body.has("agent") ? body.get("agent") : body;
    return agent.isObject() && !agent.isEmpty() ? agent : null;
  }

  // ------------------------------------------------------------------ teams

  private SandboxResponse teams(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    return SandboxResponse.json(200, account.teams.values().stream()
        .map(team -> SandboxJson.team(account, team, caller)).toList());
  }

  private SandboxResponse teamMembers(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    Group team = account.teams.get(parseId(p.get("team")));
    if (team == null) {
      return error(404, NOT_FOUND);
    }
    return SandboxResponse.json(200, SandboxJson.agents(account, team.members(), data.users));
  }

  /** POST answers the agents added, PATCH the new list, DELETE nothing. */
  private SandboxResponse editTeam(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    Group team = account.teams.get(parseId(p.get("team")));
    if (team == null) {
      return error(404, NOT_FOUND);
    }
    Set<Long> ids = userIds(r.json());
    if (ids == null || !account.members.keySet().containsAll(ids)) {
      return error(401, "Invalid User IDs");
    }
    editMembers(r.method(), team, ids);
    if (r.method().equals("DELETE")) {
      return SandboxResponse.empty(200);
    }
    Set<Long> shown = r.method().equals("POST") ? ids : team.members();
    return SandboxResponse.json(200, SandboxJson.agents(account, shown, data.users));
  }

  // ------------------------------------------------------------------ inboxes

  private SandboxResponse inboxes(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    return SandboxResponse.json(200, Map.of("payload", account.inboxes.values().stream()
        .filter(i -> isAdministrator(caller) || i.members().contains(caller.userId)).map(SandboxJson::inbox).toList()));
  }

  private SandboxResponse inboxMembers(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    Group inbox = account.inboxes.get(parseId(p.get("inbox")));
    if (inbox == null) {
      return error(404, NOT_FOUND);
    }
    if (!isAdministrator(caller) && !inbox.members().contains(caller.userId)) {
      return error(401, "You are not authorized to do this action");
    }
    return inboxMembersJson(account, inbox);
  }

  /** The inbox is named by {@code inbox_id} in the body. POST and PATCH answer the new list, DELETE nothing. */
  private SandboxResponse editInbox(SandboxRequest r, Map<String, String> p, Account account, Member caller) {
    JsonNode body = r.json();
    Group inbox = account.inboxes.get(idOf(body.get("inbox_id")));
    if (inbox == null) {
      return error(404, NOT_FOUND);
    }
    if (body.get("user_ids") == null || body.get("user_ids").isNull()) {
      return error(422, "param is missing or the value is empty: user_ids");
    }
    Set<Long> ids = userIds(body);
    if (ids == null || !account.members.keySet().containsAll(ids)) {
      return error(422, "Invalid User IDs");
    }
    editMembers(r.method(), inbox, ids);
    return r.method().equals("DELETE") ? SandboxResponse.empty(200) : inboxMembersJson(account, inbox);
  }

  private SandboxResponse inboxMembersJson(Account account, Group inbox) {
    return SandboxResponse.json(200, Map.of("payload", SandboxJson.agents(account, inbox.members(), data.users)));
  }

  // ------------------------------------------------------------------ team and inbox members

  private static void editMembers(String method, Group group, Set<Long> userIds) {
    switch (method) {
      case "POST" -> group.members().addAll(userIds);
      case "PATCH" -> {
        group.members().clear();
        group.members().addAll(userIds);
      }
      case "DELETE" -> group.members().removeAll(userIds);
    }
  }

  /** {@code user_ids} as whole numbers; null when it is not a list of them. Chatwoot treats none as an empty list. */
  private static Set<Long> userIds(JsonNode body) {
    JsonNode ids = body.get("user_ids");
    if (ids == null || ids.isNull()) {
      return Set.of();
    }
    if (!ids.isArray()) {
      return null;
    }
    Set<Long> out = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      long parsed = idOf(id);
      if (parsed < 0) {
        return null;
      }
      out.add(parsed);
    }
    return out;
  }
}
