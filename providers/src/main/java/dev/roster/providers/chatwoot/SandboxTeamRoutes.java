package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxAccess.member;
import static dev.roster.providers.chatwoot.SandboxJson.error;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Group;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's teams: any member lists them and their members; administrators add members
 * ({@code POST}), remove them ({@code DELETE}) or replace the whole list ({@code PATCH}). User ids
 * that are not agents of the account are refused with 401 "Invalid User IDs", as Chatwoot's
 * TeamMembersController does.
 */
final class SandboxTeamRoutes {
  private static final String MEMBERS = "/api/v1/accounts/{account}/teams/{team}/team_members";

  private final SandboxInstallation data;

  SandboxTeamRoutes(SandboxInstallation data) {
    this.data = data;
  }

  void addTo(SandboxRouter router) {
    router.on("GET", "/api/v1/accounts/{account}/teams", member(data, false, (r, p, a) -> SandboxResponse.json(200,
            a.teams.values().stream().map(t -> SandboxJson.team(a, t, SandboxAccess.caller(data, r))).toList())))
        .on("GET", MEMBERS, team(false, (r, a, t, ids) -> members(a, t)))
        .on("POST", MEMBERS, team(true, (r, a, t, ids) -> {
          t.members.addAll(ids);
          return SandboxResponse.json(200, SandboxJson.agents(a, ids, data.users));
        }))
        .on("PATCH", MEMBERS, team(true, (r, a, t, ids) -> {
          t.members.clear();
          t.members.addAll(ids);
          return members(a, t);
        }))
        .on("DELETE", MEMBERS, team(true, (r, a, t, ids) -> {
          t.members.removeAll(ids);
          return SandboxResponse.empty(200);
        }));
  }

  private interface TeamHandler {
    SandboxResponse handle(SandboxRequest request, Account account, Group team, Set<Long> userIds);
  }

  /**
   * The account's checks, then the team (404 when the account has no team with that id), then for
   * writes the user ids, which must all be agents of the account.
   */
  private BiFunction<SandboxRequest, Map<String, String>, SandboxResponse> team(boolean write, TeamHandler handler) {
    return member(data, write, (r, p, account) -> {
      Group team = account.teams.get(SandboxInstallation.parseId(p.get("team")));
      if (team == null) {
        return error(404, "Resource could not be found");
      }
      Set<Long> ids = write ? userIds(r.json()) : Set.of();
      if (ids == null || !account.members.keySet().containsAll(ids)) {
        return error(401, "Invalid User IDs");
      }
      return handler.handle(r, account, team, ids);
    });
  }

  private SandboxResponse members(Account account, Group team) {
    return SandboxResponse.json(200, SandboxJson.agents(account, team.members, data.users));
  }

  /** {@code user_ids} as whole numbers; null when it is not a list of them. Chatwoot treats none as an empty list. */
  static Set<Long> userIds(JsonNode body) {
    JsonNode ids = body == null ? null : body.get("user_ids");
    if (ids == null || ids.isNull()) {
      return Set.of();
    }
    if (!ids.isArray()) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    for (JsonNode id : ids) {
      long parsed = id.isIntegralNumber() ? id.asLong() : SandboxInstallation.parseId(id.asString(""));
      if (parsed < 0) {
        return null;
      }
      out.add(parsed);
    }
    return new LinkedHashSet<>(out);
  }
}
