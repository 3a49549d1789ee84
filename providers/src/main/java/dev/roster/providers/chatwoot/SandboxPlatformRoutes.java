package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxInstallation.EMAIL;
import static dev.roster.providers.chatwoot.SandboxInstallation.ROLES;
import static dev.roster.providers.chatwoot.SandboxInstallation.parseId;
import static dev.roster.providers.chatwoot.SandboxJson.enumError;
import static dev.roster.providers.chatwoot.SandboxJson.error;
import static dev.roster.providers.chatwoot.SandboxJson.invalid;
import static dev.roster.providers.chatwoot.SandboxJson.notFound;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import dev.roster.spi.SandboxRouter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's Platform API, with the Platform App's token: users and account_users. The app may
 * touch only the users it created or claimed and the accounts it created (401 "Non permissible
 * resource" otherwise); POST users claims an existing user unchanged but confirmed; custom
 * attributes are merged, never deleted.
 */
final class SandboxPlatformRoutes {
  private final SandboxInstallation data;

  SandboxPlatformRoutes(SandboxInstallation data) {
    this.data = data;
  }

  void addTo(SandboxRouter router) {
    String user = "/platform/api/v1/users/{id}";
    String accountUsers = "/platform/api/v1/accounts/{account}/account_users";
    router.on("POST", "/platform/api/v1/users", (r, p) -> createUser(r))
        .on("GET", user, (r, p) -> ownedUser(p, u -> SandboxResponse.json(200, userJson(u))))
        .on("PATCH", user, (r, p) -> ownedUser(p, u -> updateUser(u, r)))
        .on("PUT", user, (r, p) -> ownedUser(p, u -> updateUser(u, r)))
        .on("DELETE", user, (r, p) -> ownedUser(p, u -> {
          data.removeUser(u.id);
          return SandboxResponse.empty(200);
        }))
        .on("GET", accountUsers, (r, p) -> ownedAccount(p, a -> SandboxResponse.json(200,
            a.members.values().stream().map(m -> SandboxJson.accountUser(a, m)).toList())))
        .on("POST", accountUsers, (r, p) -> ownedAccount(p, a -> upsertAccountUser(a, r)))
        .on("DELETE", accountUsers, (r, p) -> ownedAccount(p, a -> {
          data.leave(a, r.json().path("user_id").asLong(-1)); // 200 even when there was no membership
          return SandboxResponse.empty(200);
        }));
  }

  private Map<String, Object> userJson(User u) {
    return SandboxJson.user(u, data.accounts.values());
  }

  private SandboxResponse ownedUser(Map<String, String> p, Function<User, SandboxResponse> handler) {
    return owned(data.users, data.ownedUsers, p.get("id"), handler);
  }

  private SandboxResponse ownedAccount(Map<String, String> p, Function<Account, SandboxResponse> handler) {
    return owned(data.accounts, data.ownedAccounts, p.get("account"), handler);
  }

  /** Token (checked already) -> find (404) -> permission (401), in Chatwoot's order. */
  private static <T> SandboxResponse owned(Map<Long, T> all, Set<Long> owned, String id,
      Function<T, SandboxResponse> handler) {
    long key = parseId(id);
    T found = all.get(key);
    if (found == null) {
      return notFound();
    }
    if (!owned.contains(key)) {
      return error(401, ChatwootErrors.NOT_PERMISSIBLE);
    }
    return handler.apply(found);
  }

  private SandboxResponse createUser(SandboxRequest r) {
    JsonNode body = r.json();
    if (!body.isObject()) {
      return invalid("Email can't be blank", "email");
    }
    String email = SandboxJson.email(body);
    User existing = data.userByEmail(email);
    if (existing != null) {
      // claimed, and returned unchanged but for one thing: Chatwoot calls skip_confirmation! on the found
      // user too, so an invitation not accepted yet counts as confirmed (its link then says "already confirmed")
      existing.confirmed = true;
      data.ownedUsers.add(existing.id);
      return SandboxResponse.json(200, userJson(existing));
    }
    if (!email.matches(EMAIL)) {
      return invalid(email.isEmpty() ? "Email can't be blank" : "Email is invalid", "email");
    }
    String password = body.path("password").asString("");
    List<String> problems = passwordProblems(password);
    if (!problems.isEmpty()) {
      return invalid(String.join(", ", problems), "password");
    }
    if (!body.path("name").isString()) {
      // users.name is NOT NULL without a model validation: the database refuses it
      return SandboxResponse.json(500, Map.of("status", 500, "error", "Internal Server Error"));
    }
    User user = data.newUser(body.get("name").asString(), email, password);
    user.confirmed = true; // the Platform API skips confirmation: no e-mail
    if (body.path("display_name").isString()) {
      user.displayName = body.get("display_name").asString();
    }
    if (body.path("custom_attributes").isObject()) {
      user.customAttributes.putAll(SandboxJson.toMap(body.get("custom_attributes")));
    }
    data.ownedUsers.add(user.id);
    return SandboxResponse.json(200, userJson(user));
  }

  private SandboxResponse updateUser(User user, SandboxRequest r) {
    JsonNode body = r.json();
    if (!body.isObject()) {
      return error(400, "Bad request");
    }
    String email = SandboxJson.email(body);
    if (body.has("email")) {
      if (!email.matches(EMAIL)) {
        return invalid("Email is invalid", "email");
      }
      User other = data.userByEmail(email);
      if (other != null && other.id != user.id) {
        return invalid("Email has already been taken", "email");
      }
    }
    if (body.has("password")) {
      List<String> problems = passwordProblems(body.get("password").asString(""));
      if (!problems.isEmpty()) {
        return invalid(String.join(", ", problems), "password");
      }
    }
    if (body.has("custom_attributes") && !body.get("custom_attributes").isObject()) {
      return invalid("Custom attributes must be an object", "custom_attributes");
    }
    if (body.has("name")) {
      user.name = body.get("name").asString();
    }
    if (body.has("display_name")) {
      user.displayName = body.get("display_name").isNull() ? null : body.get("display_name").asString();
    }
    if (body.has("email")) {
      // at once: Chatwoot's platform controller calls skip_reconfirmation!, so Devise does not park the
      // address in unconfirmed_email until a confirmation link is followed, and sends no e-mail
      data.changeEmail(user, email);
    }
    if (body.has("password")) {
      user.password = body.get("password").asString();
    }
    if (body.has("custom_attributes")) {
      user.customAttributes.putAll(SandboxJson.toMap(body.get("custom_attributes"))); // merged: keys never go away
    }
    return SandboxResponse.json(200, userJson(user));
  }

  /** An upsert by user_id: re-posting changes the role. */
  private SandboxResponse upsertAccountUser(Account account, SandboxRequest r) {
    JsonNode body = r.json();
    User user = data.users.get(body.path("user_id").asLong(-1));
    if (user == null) {
      return invalid("User must exist", "user");
    }
    String role = body.path("role").asString("agent");
    if (!ROLES.contains(role)) {
      return enumError("role", role);
    }
    Member member = account.members.get(user.id);
    if (member == null) {
      member = data.join(account, user);
      member.availability = "online"; // the column defaults, not AgentBuilder's
      member.autoOffline = true;
    }
    member.role = role;
    return SandboxResponse.json(200, SandboxJson.accountUser(account, member));
  }

  private static List<String> passwordProblems(String password) {
    if (password.isEmpty()) {
      return List.of("Password can't be blank");
    }
    return PasswordRule.problems(password).stream()
        .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
        .toList();
  }
}
