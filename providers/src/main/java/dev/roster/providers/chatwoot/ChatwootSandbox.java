package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxJson.error;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Group;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stateful Chatwoot installation following NOTES.md sections 1 and 2: users shared by accounts,
 * memberships per account, the Application API's agents, teams and inboxes ({@link SandboxAppRoutes}),
 * and the Platform API's users and account_users ({@link SandboxPlatformRoutes}).
 *
 * <p>Two accounts: {@value #CHATWOOT_ACCOUNT} (Chatwoot, which the Platform App owns; teams billing
 * and sales, inboxes Website and Support email) and {@value #KONVERTE_ACCOUNT} (standing in for
 * Konverte Digital, a separate Chatwoot-based service without Platform API access: an instance points
 * at the same sandbox URL with that account id and its own token; team onboarding, inbox Live chat).
 * Roster does not manage teams or inboxes: they are there after every reset.
 */
public final class ChatwootSandbox implements SandboxApi {
  public static final String API_TOKEN = "sandbox-chatwoot-token";
  public static final String PLATFORM_TOKEN = "sandbox-chatwoot-platform-token";
  public static final String KONVERTE_TOKEN = "sandbox-konverte-token";
  public static final long CHATWOOT_ACCOUNT = 1;
  public static final long KONVERTE_ACCOUNT = 2;
  /** The administrators whose tokens the two accounts' instances use: members of their account like any agent. */
  public static final String CHATWOOT_ADMIN = "support-admin@example.com";
  public static final String KONVERTE_ADMIN = "konverte-admin@example.com";

  /** Both made anew by {@link #reset}; guarded by this sandbox's lock, like everything the routes do. */
  private SandboxInstallation data;
  private SandboxRouter router;

  public ChatwootSandbox() {
    reset();
  }

  @Override
  public String type() {
    return ChatwootFactory.TYPE;
  }

  @Override
  public synchronized SandboxResponse handle(SandboxRequest request) {
    if (request.path().startsWith("/platform/")) {
      if (!PLATFORM_TOKEN.equals(request.header(ChatwootFactory.TOKEN_HEADER))) {
        return error(401, "Invalid access_token");
      }
    } else if (data.userByToken(request.header(ChatwootFactory.TOKEN_HEADER)) == null) {
      return error(401, "Invalid Access Token");
    }
    try {
      return router.route(request, SandboxJson.notFound());
    } catch (RuntimeException badJson) {
      return error(400, "Bad request: " + badJson.getMessage());
    }
  }

  @Override
  public synchronized void reset() {
    data = new SandboxInstallation();
    router = new SandboxRouter();
    new SandboxAppRoutes(data).addTo(router);
    new SandboxPlatformRoutes(data).addTo(router);
    Account chatwoot = new Account(CHATWOOT_ACCOUNT, "Support");
    Account konverte = new Account(KONVERTE_ACCOUNT, "Konverte Digital");
    data.accounts.put(CHATWOOT_ACCOUNT, chatwoot);
    data.accounts.put(KONVERTE_ACCOUNT, konverte);
    data.addTeam(chatwoot, "Billing");
    data.addTeam(chatwoot, "Sales");
    data.addInbox(chatwoot, "Website");
    data.addInbox(chatwoot, "Support email");
    data.addTeam(konverte, "Onboarding");
    data.addInbox(konverte, "Live chat");
    data.ownedAccounts.add(CHATWOOT_ACCOUNT); // the Platform App created the Chatwoot account, not Konverte's
    User chatwootAdmin = addAgent(CHATWOOT_ACCOUNT, CHATWOOT_ADMIN, "Support Admin", "administrator", "online");
    User konverteAdmin = addAgent(KONVERTE_ACCOUNT, KONVERTE_ADMIN, "Konverte Admin", "administrator", "online");
    data.setToken(chatwootAdmin, API_TOKEN);
    data.setToken(konverteAdmin, KONVERTE_TOKEN);
  }

  @Override
  public synchronized void seedDemo() {
    for (long account : List.of(CHATWOOT_ACCOUNT, KONVERTE_ACCOUNT)) {
      addAgent(account, "alice@example.com", "Alice Liddell", "agent", "online");
      addAgent(account, "carol@example.com", "Carol Danvers", "agent", "offline");
    }
    setCustomAttributes("alice@example.com", Map.of("team", "support"));
    Account chatwoot = data.accounts.get(CHATWOOT_ACCOUNT);
    for (String email : List.of("alice@example.com", "carol@example.com")) {
      join(chatwoot.teams, "sales", email);
    }
    join(chatwoot.inboxes, "Website", "alice@example.com");
    join(chatwoot.inboxes, "Support email", "carol@example.com");
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("CHATWOOT_API_TOKEN", API_TOKEN, "CHATWOOT_PLATFORM_TOKEN", PLATFORM_TOKEN,
        "KONVERTE_API_TOKEN", KONVERTE_TOKEN);
  }

  // ------------------------------------------------------------------ the installation, for tests and demos

  /** Adds (or reuses) the user with this e-mail as an agent of the account, as an invitation accepted long ago. */
  synchronized User addAgent(long accountId, String email, String name, String role, String availability) {
    Account account = data.accounts.get(accountId);
    User user = data.userByEmail(email);
    if (user == null) {
      user = data.newUser(name, email, "Sandbox-" + UUID.randomUUID());
      user.confirmed = true;
    }
    Member m = account.members.containsKey(user.id) ? account.members.get(user.id) : data.join(account, user);
    m.role = role;
    m.availability = availability;
    return user;
  }

  /** The account's agents as its agents list shows them. */
  synchronized List<Map<String, Object>> agents(long accountId) {
    return SandboxJson.agentsByName(data.accounts.get(accountId), data.users);
  }

  /** The user with this e-mail as the Platform API shows it (ownership aside), or null. */
  synchronized Map<String, Object> user(String email) {
    User u = data.userByEmail(email);
    return u == null ? null : SandboxJson.user(u, data.accounts.values());
  }

  /** The stored custom attributes of a user, null values included. */
  synchronized Map<String, Object> storedCustomAttributes(String email) {
    return new LinkedHashMap<>(data.userByEmail(email).customAttributes);
  }

  synchronized String password(String email) {
    User u = data.userByEmail(email);
    return u == null ? null : u.password;
  }

  synchronized boolean ownedByPlatformApp(String email) {
    User u = data.userByEmail(email);
    return u != null && data.ownedUsers.contains(u.id);
  }

  synchronized void setCustomAttributes(String email, Map<String, Object> attributes) {
    data.userByEmail(email).customAttributes.putAll(attributes);
  }

  /** Whether the user is signed in: the agents list shows "offline" for anyone who is not. */
  synchronized void setPresent(String email, boolean present) {
    data.userByEmail(email).present = present;
  }

  synchronized void setAgentLimit(long accountId, int limit) {
    data.accounts.get(accountId).agentLimit = limit;
  }

  /** The user's Application API token, to call the sandbox as that user. */
  synchronized String accessToken(String email) {
    return data.userByEmail(email).accessToken;
  }

  /** The names of the account's teams the user is a member of, in the order the account lists them. */
  synchronized List<String> teamsOf(long accountId, String email) {
    return namesWith(data.accounts.get(accountId).teams, data.userByEmail(email).id);
  }

  synchronized List<String> inboxesOf(long accountId, String email) {
    return namesWith(data.accounts.get(accountId).inboxes, data.userByEmail(email).id);
  }

  /** Adds the user to the team or inbox with this name. */
  private void join(Map<Long, Group> groups, String name, String email) {
    Group group = groups.values().stream().filter(g -> g.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + name));
    group.members().add(data.userByEmail(email).id);
  }

  private static List<String> namesWith(Map<Long, Group> groups, long userId) {
    return groups.values().stream().filter(g -> g.members().contains(userId)).map(Group::name).toList();
  }

  /** E-mail addresses Chatwoot sent a confirmation (invitation) e-mail to. */
  synchronized List<String> invitations() {
    return List.copyOf(data.invitations);
  }
}
