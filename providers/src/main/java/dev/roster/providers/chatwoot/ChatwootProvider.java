package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.AgentAttributes.MEMBERSHIP;
import static dev.roster.providers.chatwoot.ChatwootErrors.LISTS;

import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * The agents of one Chatwoot account. Reads: one {@code GET …/agents}, plus {@code GET …/account_users}
 * through the Platform API when the files manage what only that read shows, plus the teams and
 * inboxes and their members when the files manage those ({@link Memberships}). Writes: the
 * Application API for the membership (role, availability, auto-offline), the name, teams and
 * inboxes; the Platform API for what only it can set (password, display name, custom attributes,
 * email).
 */
final class ChatwootProvider implements Provider {
  private final ChatwootApi app;
  private final ChatwootPlatformApi platform;
  private final Memberships teamsAndInboxes;
  private final long accountId;
  /**
   * Set once the Platform API has answered "Non permissible resource" for this account (the app did not
   * create it): memberships are then added through the Application API instead.
   */
  private final AtomicBoolean accountNotOwned = new AtomicBoolean();

  /** @param platform null when the instance has no platformToken */
  ChatwootProvider(ChatwootApi app, ChatwootPlatformApi platform, long accountId, int concurrency) {
    this.app = app;
    this.platform = platform;
    this.teamsAndInboxes = new Memberships(app, accountId, concurrency);
    this.accountId = accountId;
  }

  // ------------------------------------------------------------------ read

  @Override
  public List<LiveAccount> list(Declared declared) {
    List<Map<String, Object>> agents = LISTS.entries(app.agents(accountId),
        "GET /api/v1/accounts/" + accountId + "/agents", "agent", "id", "email");
    Map<Long, Map<String, Object>> memberships =
        platform != null && declared.anySets(MEMBERSHIP) ? memberships() : Map.of();
    Map<String, Map<Long, List<String>>> groupsByAttribute = teamsAndInboxes.read(declared);
    List<LiveAccount> accounts = new ArrayList<>(agents.size());
    for (Map<String, Object> agent : agents) {
      // decided account by account, so that an account reads the same whichever others are declared
      // with it (a saved plan's check reads only the accounts it changes)
      boolean managed = declared.sets(agent.get("email"), MEMBERSHIP);
      Map<String, Object> membership = managed ? memberships.get(number(agent.get("id"))) : null;
      Map<String, List<String>> names = new LinkedHashMap<>();
      groupsByAttribute.forEach((attribute, byUser) -> {
        if (declared.sets(agent.get("email"), List.of(attribute))) {
          names.put(attribute, byUser.getOrDefault(number(agent.get("id")), List.of()));
        }
      });
      accounts.add(AgentAttributes.toAccount(agent, membership, platform == null || managed, names));
    }
    return accounts;
  }

  /**
   * The stored memberships by user id. When the Platform App does not own the account this read is
   * refused, and presence is all there is.
   */
  private Map<Long, Map<String, Object>> memberships() {
    JsonNode answer;
    try {
      answer = platform.accountUsers(accountId);
    } catch (PlatformException e) {
      // an account the app did not create: fine, presence is all there is. Any other refusal (a wrong
      // platformToken, a Chatwoot Cloud URL) fails the plan now rather than every platform write later.
      if (!notPermissible(e)) {
        throw e;
      }
      accountNotOwned.set(true);
      return Map.of();
    }
    List<Map<String, Object>> rows = LISTS.entries(answer,
        "GET /platform/api/v1/accounts/" + accountId + "/account_users", "account user", "user_id", "availability");
    Map<Long, Map<String, Object>> byUser = new HashMap<>();
    rows.forEach(row -> byUser.put(number(row.get("user_id")), row));
    return byUser;
  }

  // ------------------------------------------------------------------ write

  @Override
  public void apply(Change change) {
    switch (change.action()) {
      case CREATE -> create(change);
      case UPDATE -> update(change);
      case DELETE -> app.deleteAgent(accountId, id(change.liveId()));
    }
  }

  private void create(Change change) {
    List<Memberships.Edit> joins = teamsAndInboxes.edits(change);
    Memberships.send(joins, createAgent(change));
  }

  /** Creates the agent as {@link #apply} describes; returns its user id. */
  private long createAgent(Change change) {
    Map<String, Object> d = change.desired();
    String email = RequestBodies.text(d.get("email"), change.key());
    String name = RequestBodies.text(d.get("name"), email.substring(0, Math.max(1, email.indexOf('@'))));
    String role = RequestBodies.text(d.get("role"), "agent");
    if (platform == null) {
      List<String> needs = PlatformToken.neededToCreate(change);
      if (!needs.isEmpty()) {
        throw new IllegalStateException(PlatformToken.missing(needs));
      }
      return addThroughAgents(d, name, email, role);
    }
    Map<String, Object> user = platform.createUser(RequestBodies.newUser(d, name, email));
    long userId = id(String.valueOf(user.get("id")));
    Map<String, Object> profile = RequestBodies.profileCatchUp(d, name, user);
    if (!profile.isEmpty()) {
      platform.updateUser(userId, profile);
    }
    if (accountNotOwned.get()) {
      return addThroughAgents(d, name, email, role);
    }
    try {
      platform.addAccountUser(accountId, RequestBodies.membership(userId, role));
    } catch (PlatformException e) {
      if (!notPermissible(e)) {
        throw e;
      }
      // the app owns the user now, but not the account: the administrator's token adds the membership
      accountNotOwned.set(true);
      return addThroughAgents(d, name, email, role);
    }
    Map<String, Object> settings = RequestBodies.membershipSettings(d, role);
    if (!settings.isEmpty()) {
      app.updateAgent(accountId, userId, settings);
    }
    return userId;
  }

  /**
   * {@code POST …/agents}: Chatwoot's AgentBuilder joins the user with this e-mail to the account, or
   * creates and invites one (a confirmation e-mail) when there is none. After a Platform API create
   * the user exists and is confirmed, so nobody is e-mailed.
   */
  private long addThroughAgents(Map<String, Object> d, String name, String email, String role) {
    Map<String, Object> agent = app.createAgent(accountId, RequestBodies.newAgent(d, name, email, role));
    long userId = id(String.valueOf(agent.get("id")));
    if (d.get("customRoleId") != null) {
      app.updateAgent(accountId, userId, RequestBodies.customRole(role, d.get("customRoleId")));
    }
    return userId;
  }

  private void update(Change change) {
    long id = id(change.liveId());
    List<Memberships.Edit> edits = teamsAndInboxes.edits(change);
    Map<String, Object> profile = RequestBodies.profileChanges(change);
    if (!profile.isEmpty() && platform == null) {
      // refused before anything is sent, so that no half of the change is made
      throw new IllegalStateException(PlatformToken.missing(PlatformToken.neededToUpdate(change)));
    }
    Map<String, Object> agent = RequestBodies.agentChanges(change);
    if (!agent.isEmpty()) {
      app.updateAgent(accountId, id, agent);
    }
    if (!profile.isEmpty()) {
      updateUser(id, change, profile);
    }
    Memberships.send(edits, id);
  }

  /**
   * PATCHes the platform user; a user the Platform App does not own yet (invited through the
   * dashboard, say) is first claimed: {@code POST /platform/api/v1/users} with its e-mail returns the
   * existing user unchanged and grants the app permission on it.
   */
  private void updateUser(long id, Change change, Map<String, Object> profile) {
    try {
      platform.updateUser(id, profile);
    } catch (PlatformException e) {
      if (!notPermissible(e)) {
        throw e;
      }
      Map<String, Object> claimed = platform.createUser(RequestBodies.claim(change));
      Long claimedId = number(claimed.get("id"));
      if (claimedId == null || claimedId != id) {
        throw new IllegalStateException("claiming " + change.live().get("email") + " through the Platform API returned user "
            + claimed.get("id") + ", not agent " + id + ": nothing was changed on the user");
      }
      platform.updateUser(id, profile);
    }
  }

  private static boolean notPermissible(PlatformException e) {
    return e.status() == 401 && e.getMessage() != null && e.getMessage().contains(ChatwootErrors.NOT_PERMISSIBLE);
  }

  @Override
  public void prepare(Collection<Change> changes) {
    teamsAndInboxes.prepare(changes);
  }

  @Override
  public Object canonical(String attribute, Object declared) {
    return teamsAndInboxes.canonical(attribute, declared);
  }

  @Override
  public List<String> problems(Change change) {
    return teamsAndInboxes.problems(change);
  }

  @Override
  public List<String> notes(Change change) {
    return ChatwootNotes.of(change, platform != null, accountId);
  }

  // ------------------------------------------------------------------ ids

  private static Long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    return value != null && value.toString().matches("[0-9]{1,18}") ? Long.parseLong(value.toString()) : null;
  }

  /** Ids come from Chatwoot's own answers: anything but a number there is refused, never put in a path. */
  private static long id(String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      throw new IllegalStateException("Chatwoot id '" + id + "' is not a number; refusing to build a URL from it");
    }
    return Long.parseLong(id);
  }
}
