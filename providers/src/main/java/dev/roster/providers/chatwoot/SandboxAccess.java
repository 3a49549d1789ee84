package dev.roster.providers.chatwoot;

import static dev.roster.providers.chatwoot.SandboxJson.error;

import dev.roster.providers.chatwoot.SandboxInstallation.Account;
import dev.roster.providers.chatwoot.SandboxInstallation.Member;
import dev.roster.providers.chatwoot.SandboxInstallation.User;
import dev.roster.spi.SandboxRequest;
import dev.roster.spi.SandboxResponse;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The Application API's checks on a request about one account, in Chatwoot's order: the token
 * (checked already by {@link ChatwootSandbox}), the account, the caller's membership of it, and for
 * writes the administrator role.
 */
final class SandboxAccess {
  private SandboxAccess() {}

  interface AccountHandler {
    SandboxResponse handle(SandboxRequest request, Map<String, String> params, Account account);
  }

  static BiFunction<SandboxRequest, Map<String, String>, SandboxResponse> member(SandboxInstallation data, boolean write,
      AccountHandler handler) {
    return (r, p) -> {
      Account account = data.accounts.get(SandboxInstallation.parseId(p.get("account")));
      if (account == null) {
        return error(404, "Resource could not be found");
      }
      Member membership = account.members.get(caller(data, r).id);
      if (membership == null) {
        return error(401, "You are not authorized to access this account");
      }
      if (write && !"administrator".equals(membership.role)) {
        return error(401, "You are not authorized to do this action");
      }
      return handler.handle(r, p, account);
    };
  }

  /** The user whose access token the request carries. */
  static User caller(SandboxInstallation data, SandboxRequest r) {
    return data.userByToken(r.header(ChatwootFactory.TOKEN_HEADER));
  }

  static boolean isAdministrator(Account account, User user) {
    Member m = account.members.get(user.id);
    return m != null && "administrator".equals(m.role);
  }
}
