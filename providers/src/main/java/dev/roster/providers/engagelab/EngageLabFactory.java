package dev.roster.providers.engagelab;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provider type {@code engagelab}: users of an EngageLab Marketing Automation project, through its
 * REST API. The API cannot list or read users ({@link #readable()} is false), so the engine diffs
 * against the instance's state file.
 */
public final class EngageLabFactory implements ProviderFactory {
  static final String DEFAULT_URL = "https://ma-api.engagelab.com";
  static final AccountModel MODEL = AccountModel.of("userId", List.of(
      Attribute.of("userId"),
      // whole-value: a property removed from the files is noticed, and cleared
      Attribute.of("properties", Comparison.EXACT),
      Attribute.of("contacts", Comparison.SUBSET)))
      // the user_id is the user: a new one is a new user, and the API has no call that changes it
      .notRenamable();

  @Override
  public String type() {
    return "engagelab";
  }

  @Override
  public AccountModel model() {
    return MODEL;
  }

  @Override
  public boolean readable() {
    return false;
  }

  @Override
  public Map<String, Object> personDefaults(Person person) {
    return person.email() == null ? Map.of() : Map.of("userId", person.email());
  }

  @Override
  public List<String> check(Map<String, Object> account) {
    return AccountRules.problems(account);
  }

  /** apiKey and apiSecret are required by the config schema. */
  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    // base64(apiKey:apiSecret) is itself a Secret: masked in any text that leaves Roster, like its parts
    String pair = config.secret("apiKey").reveal() + ":" + config.secret("apiSecret").reveal();
    Secret credentials = new Secret("base64(apiKey:apiSecret)",
        Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    EngageLabApi api = context.http().build(EngageLabApi.class, config.url(DEFAULT_URL), new EngageLabErrors(),
        template -> template.header("Authorization", "Basic " + credentials.reveal()));
    return new EngageLabProvider(api);
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(new EngageLabSandbox());
  }
}
