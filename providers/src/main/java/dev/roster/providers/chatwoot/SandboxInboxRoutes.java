package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxAccess.member;
import static dev.roster.providers.chatwoot.SandboxJson.error;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Group;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's inboxes: an administrator lists every inbox, an agent only those it is a member of.
 * Inbox members are read per inbox ({@code GET …/inbox_members/{inbox_id}}) and changed with the inbox
 * id in the body: {@code POST} adds, {@code DELETE} removes, {@code PATCH} replaces the whole list.
 * User ids that are not agents of the account are refused with 422 "Invalid User IDs".
 */
final class SandboxInboxRoutes {
  private static final String MEMBERS = "/api/v1/accounts/{account}/inbox_members";

  private final SandboxInstallation data;

  SandboxInboxRoutes(SandboxInstallation data) {
    this.data = data;
  }

  void addTo(SandboxRouter router) {
    router.on("GET", "/api/v1/accounts/{account}/inboxes", member(data, false, (r, p, a) -> list(r, a)))
        .on("GET", MEMBERS + "/{inbox}", member(data, false, (r, p, a) -> {
          Group inbox = a.inboxes.get(SandboxInstallation.parseId(p.get("inbox")));
          if (inbox == null) {
            return error(404, "Resource could not be found");
          }
          User caller = SandboxAccess.caller(data, r);
          if (!SandboxAccess.isAdministrator(a, caller) && !inbox.members.contains(caller.id)) {
            return error(401, "You are not authorized to do this action");
          }
          return members(a, inbox);
        }))
        .on("POST", MEMBERS, member(data, true, (r, p, a) -> edit(r, a, (inbox, ids) -> {
          inbox.members.addAll(ids);
          return members(a, inbox);
        })))
        .on("PATCH", MEMBERS, member(data, true, (r, p, a) -> edit(r, a, (inbox, ids) -> {
          inbox.members.clear();
          inbox.members.addAll(ids);
          return members(a, inbox);
        })))
        .on("DELETE", MEMBERS, member(data, true, (r, p, a) -> edit(r, a, (inbox, ids) -> {
          inbox.members.removeAll(ids);
          return SandboxResponse.empty(200);
        })));
  }

  private SandboxResponse list(SandboxRequest r, Account account) {
    User caller = SandboxAccess.caller(data, r);
    boolean administrator = SandboxAccess.isAdministrator(account, caller);
    return SandboxResponse.json(200, Map.of("payload", account.inboxes.values().stream()
        .filter(i -> administrator || i.members.contains(caller.id)).map(SandboxJson::inbox).toList()));
  }

  private interface InboxEdit {
    SandboxResponse apply(Group inbox, Set<Long> userIds);
  }

  /** The inbox named by {@code inbox_id} in the body (404 when there is none), and the user ids (422 unless all are agents). */
  private static SandboxResponse edit(SandboxRequest r, Account account, InboxEdit edit) {
    JsonNode body = r.json();
    JsonNode inboxId = body == null ? null : body.get("inbox_id");
    long id = inboxId == null ? -1 : inboxId.isIntegralNumber() ? inboxId.asLong() : SandboxInstallation.parseId(inboxId.asString(""));
    Group inbox = account.inboxes.get(id);
    if (inbox == null) {
      return error(404, "Resource could not be found");
    }
    if (body.get("user_ids") == null || body.get("user_ids").isNull()) {
      return error(422, "param is missing or the value is empty: user_ids");
    }
    Set<Long> ids = SandboxTeamRoutes.userIds(body);
    if (ids == null || !account.members.keySet().containsAll(ids)) {
      return error(422, "Invalid User IDs");
    }
    return edit.apply(inbox, ids);
  }

  private SandboxResponse members(Account account, Group inbox) {
    return SandboxResponse.json(200, Map.of("payload", SandboxJson.agents(account, inbox.members, data.users)));
  }
}
