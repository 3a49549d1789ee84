package dev.roster.providers.keitaro;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Provider type {@code keitaro}: users of a Keitaro tracker, through its Admin API v1. */
public final class KeitaroFactory implements ProviderFactory {
  static final AccountModel MODEL = AccountModel.of("login", List.of(
      Attribute.of("login"),
      Attribute.of("type"),
      Attribute.of("preferences", Comparison.SUBSET),
      Attribute.of("access", Comparison.SUBSET),
      Attribute.secret("password"))).withAdmin("type", "ADMIN");

  @Override
  public String type() {
    return "keitaro";
  }

  @Override
  public AccountModel model() {
    return MODEL;
  }

  @Override
  public Map<String, Object> personDefaults(Person person) {
    return Map.of("login", person.handle());
  }

  @Override
  public List<String> check(Map<String, Object> account) {
    if (account.get("password") instanceof Secret s && s.reveal().isEmpty()) {
      return List.of("password is empty");
    }
    return List.of();
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    Secret apiKey = config.secret("apiKey");
    KeitaroApi api = context.http().build(KeitaroApi.class, config.url(null) + "/admin_api/v1", new KeitaroErrors(),
        template -> template.header("Api-Key", apiKey.reveal()));
    return new KeitaroProvider(api);
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(new KeitaroSandbox());
  }
}
