package dev.roster.providers.chatwoot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of one kind of group an agent belongs to in an account, teams or inboxes: list the
 * groups, read one group's members, add or remove one agent. Answers are checked for the documented
 * shape ({@link ListAnswers}): a member list read short would plan memberships away.
 */
interface MemberEndpoints {

  /** The account attribute these memberships are: {@code teams}, {@code inboxes}. */
  String attribute();

  /** One group, in words: "team", "inbox". */
  String kind();

  /** The account's groups, each with its numeric {@code id} and its {@code name}. */
  List<Map<String, Object>> groups();

  /** The agents in one group, each with its numeric {@code id}. */
  List<Map<String, Object>> members(long group);

  void add(long group, long userId);

  void remove(long group, long userId);

  static MemberEndpoints teams(ChatwootApi app, long account) {
    String path = "/api/v1/accounts/" + account + "/teams";
    return new MemberEndpoints() {
      public String attribute() {
        return "teams";
      }

      public String kind() {
        return "team";
      }

      public List<Map<String, Object>> groups() {
        return ListAnswers.entries(app.teams(account), "GET " + path, "team", "id", "name");
      }

      public List<Map<String, Object>> members(long team) {
        return ListAnswers.entries(app.teamMembers(account, team), "GET " + path + "/" + team + "/team_members",
            "agent", "id", "email");
      }

      public void add(long team, long userId) {
        app.addTeamMembers(account, team, Map.of("user_ids", List.of(userId)));
      }

      public void remove(long team, long userId) {
        app.removeTeamMembers(account, team, Map.of("user_ids", List.of(userId)));
      }
    };
  }

  static MemberEndpoints inboxes(ChatwootApi app, long account) {
    String path = "/api/v1/accounts/" + account;
    return new MemberEndpoints() {
      public String attribute() {
        return "inboxes";
      }

      public String kind() {
        return "inbox";
      }

      public List<Map<String, Object>> groups() {
        String request = "GET " + path + "/inboxes";
        return ListAnswers.entries(ListAnswers.payload(app.inboxes(account), request, "inbox"), request, "inbox", "id", "name");
      }

      public List<Map<String, Object>> members(long inbox) {
        String request = "GET " + path + "/inbox_members/" + inbox;
        return ListAnswers.entries(ListAnswers.payload(app.inboxMembers(account, inbox), request, "agent"), request,
            "agent", "id", "email");
      }

      public void add(long inbox, long userId) {
        app.addInboxMembers(account, body(inbox, userId));
      }

      public void remove(long inbox, long userId) {
        app.removeInboxMembers(account, body(inbox, userId));
      }

      private Map<String, Object> body(long inbox, long userId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inbox_id", inbox);
        body.put("user_ids", List.of(userId));
        return body;
      }
    };
  }
}
