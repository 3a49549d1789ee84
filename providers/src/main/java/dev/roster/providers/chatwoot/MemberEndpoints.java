package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.ChatwootErrors.LISTS;
import static dev.roster.providers.chatwoot.RequestBodies.ordered;

import dev.roster.providers.ListAnswers;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The endpoints of one kind of group an agent belongs to in an account, teams or inboxes. Answers are
 * checked for the documented shape ({@link ListAnswers}): a member list read short would plan memberships
 * away.
 *
 * @param attribute the account attribute these memberships are: {@code teams}, {@code inboxes}
 * @param kind one group, in words: "team", "inbox"
 * @param groups the account's groups, each with its numeric {@code id} and its {@code name}
 * @param members the agents in one group, each with its numeric {@code id}
 * @param add adds one agent (a user id) to one group
 * @param remove removes one agent from one group
 */
record MemberEndpoints(String attribute, String kind, Supplier<List<Map<String, Object>>> groups,
    LongFunction<List<Map<String, Object>>> members, GroupEdit add, GroupEdit remove) {

  interface GroupEdit {
    void send(long group, long userId);
  }

  static MemberEndpoints teams(ChatwootApi app, long account) {
    String path = "/api/v1/accounts/" + account + "/teams";
    return new MemberEndpoints("teams", "team",
        () -> LISTS.entries(app.teams(account), "GET " + path, "team", "id", "name"),
        team -> LISTS.entries(app.teamMembers(account, team), "GET " + path + "/" + team + "/team_members",
            "agent", "id", "email"),
        (team, userId) -> app.addTeamMembers(account, team, Map.of("user_ids", List.of(userId))),
        (team, userId) -> app.removeTeamMembers(account, team, Map.of("user_ids", List.of(userId))));
  }

  /** Inbox lists come as {@code {"payload": [...]}}; members change with the inbox id in the body. */
  static MemberEndpoints inboxes(ChatwootApi app, long account) {
    String path = "/api/v1/accounts/" + account;
    return new MemberEndpoints("inboxes", "inbox",
        () -> LISTS.payloadEntries(app.inboxes(account), "GET " + path + "/inboxes", "inbox", "id", "name"),
        inbox -> LISTS.payloadEntries(app.inboxMembers(account, inbox),
            "GET " + path + "/inbox_members/" + inbox, "agent", "id", "email"),
        (inbox, userId) -> app.addInboxMembers(account, ordered("inbox_id", inbox, "user_ids", List.of(userId))),
        (inbox, userId) -> app.removeInboxMembers(account, ordered("inbox_id", inbox, "user_ids", List.of(userId))));
  }
}
