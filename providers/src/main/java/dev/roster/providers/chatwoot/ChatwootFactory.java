package dev.roster.providers.chatwoot;

import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Person;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.Secret;
import feign.RequestInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provider type {@code chatwoot}: the agents of one Chatwoot account (NOTES.md section 1), and of
 * Konverte Digital, which serves the same API at its own URL (section 2).
 */
public final class ChatwootFactory implements ProviderFactory {
  public static final String TYPE = "chatwoot";
  /** The header both APIs read the token from. */
  static final String TOKEN_HEADER = "api_access_token";

  static final AccountModel MODEL = AccountModel.of("email", List.of(
      Attribute.of("email", Comparison.CASE_INSENSITIVE),
      Attribute.of("name"),
      Attribute.of("displayName"),
      Attribute.of("role"),
      Attribute.of("availability"),
      Attribute.of("autoOffline"),
      // whole-value, so that a key removed from the files is noticed (and set to null)
      Attribute.of("customAttributes", Comparison.EXACT),
      Attribute.of("customRoleId"),
      // names as the account shows them; the provider's canonical() spells declared ones the same way
      Attribute.of("teams", Comparison.UNORDERED),
      Attribute.of("inboxes", Comparison.UNORDERED),
      Attribute.secret("password"))).withAdmin("role", "administrator").withNames("name");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public AccountModel model() {
    return MODEL;
  }

  @Override
  public Map<String, Object> personDefaults(Person person) {
    return RequestBodies.present("email", person.email(), "name", person.name());
  }

  @Override
  public List<String> check(Map<String, Object> account) {
    List<String> problems = new ArrayList<>();
    if (account.get("password") instanceof Secret s) {
      problems.addAll(PasswordRule.problems(s.reveal()));
    }
    Object displayName = account.get("displayName");
    if (displayName != null && displayName.equals(account.get("name"))) {
      problems.add("displayName is the same as name: leave it out (Chatwoot's agents list shows only the name in use,"
          + " so a display name equal to the name cannot be told from none)");
    }
    return problems;
  }

  /**
   * Chatwoot changes a user's e-mail only through the Platform API ({@code PATCH
   * /platform/api/v1/users/{id}}); the Application API's agent update ignores {@code email}. Without
   * a platformToken a rename would be planned and then fail, so it is refused where it is written.
   */
  @Override
  public List<String> checkRename(InstanceConfig config, List<String> previously) {
    boolean formerEmail = previously.stream().anyMatch(former -> former.contains("@"));
    if (!formerEmail || config.values().get("platformToken") != null) {
      return List.of();
    }
    return List.of("Chatwoot changes an agent's e-mail only through its Platform API, and instance '" + config.name()
        + "' has no platformToken (a Platform App's token; self-hosted installs only): give it a platformToken to"
        + " rename the agent in place, or remove `previously`, and the plan deletes the agent with the old e-mail and"
        + " invites the new address as a new agent");
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    String url = config.url(null);
    long accountId = config.number("accountId", 0);
    Secret apiToken = config.secret("apiToken");
    Secret platformToken = config.secret("platformToken");
    ChatwootApi app = context.http().build(ChatwootApi.class, url, new ChatwootErrors(false), token(apiToken));
    ChatwootPlatformApi platform = platformToken == null ? null
        : context.http().build(ChatwootPlatformApi.class, url, new ChatwootErrors(true), token(platformToken));
    return new ChatwootProvider(app, platform, accountId, context.concurrency());
  }

  private static RequestInterceptor token(Secret token) {
    return template -> template.header(TOKEN_HEADER, token.reveal());
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(new ChatwootSandbox());
  }
}
