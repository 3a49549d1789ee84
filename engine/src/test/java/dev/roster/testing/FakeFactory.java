package dev.roster.testing;
import dev.roster.spi.Action;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;
import dev.roster.spi.Change;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Person;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A small real provider for the engine's own tests: it talks HTTP through the engine's Feign support
 * to {@link FakeSandbox}, so every engine test runs the whole path (write guard, errors, retries).
 */
public final class FakeFactory implements ProviderFactory {
  public static final FakeSandbox SANDBOX = new FakeSandbox();

  static final AccountModel MODEL = AccountModel.of("login", List.of(
      Attribute.of("login"),
      Attribute.of("email", Comparison.CASE_INSENSITIVE),
      Attribute.of("name"),
      Attribute.of("role"),
      Attribute.of("prefs", Comparison.SUBSET),
      Attribute.of("groups", Comparison.UNORDERED),
      Attribute.secret("password"))).withAdmin("role", "admin");

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public JsonNode configSchema() {
    return Json.resource(FakeFactory.class, "config.schema.json");
  }

  @Override
  public JsonNode accountSchema() {
    return Json.resource(FakeFactory.class, "account.schema.json");
  }

  @Override
  public AccountModel model() {
    return MODEL;
  }

  @Override
  public Map<String, Object> personDefaults(Person person) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("login", person.handle());
    if (person.email() != null) {
      d.put("email", person.email());
    }
    return d;
  }

  @Override
  public List<String> check(Map<String, Object> account) {
    return account.get("password") instanceof Secret s && s.reveal().length() < 8
        ? List.of("password must be at least 8 characters") : List.of();
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    Secret token = config.secret("token");
    ErrorMessages errors = (status, body) -> {
      JsonNode node = Json.MAPPER.readTree(body);
      return node.path("error").asString(null);
    };
    FakeApi api = context.http().build(FakeApi.class, config.url(null), errors,
        t -> t.header("Authorization", "Token " + token.reveal()));
    return new Provider() {
      @Override
      public List<LiveAccount> list(dev.roster.spi.Declared declared) {
        return api.list().stream().map(m -> {
          Map<String, Object> attrs = new LinkedHashMap<>(m);
          String id = String.valueOf(attrs.remove("id"));
          Object readOnly = attrs.remove("readOnly");
          Object invited = attrs.remove("invited"); // invited, not accepted yet
          return new LiveAccount(id, attrs, Boolean.TRUE.equals(readOnly) ? "managed elsewhere" : null,
              Boolean.TRUE.equals(invited));
        }).toList();
      }

      @Override
      public void apply(Change change) {
        Map<String, Object> body = new LinkedHashMap<>();
        change.desired().forEach((k, v) -> body.put(k, v instanceof Secret s ? s.reveal() : v));
        switch (change.action()) {
          case CREATE -> api.create(body);
          case UPDATE -> {
            body.remove("password");
            api.update(change.liveId(), body);
          }
          case DELETE -> api.delete(change.liveId());
        }
      }

      @Override
      public List<String> notes(Change change) {
        return change.action() == dev.roster.spi.Action.CREATE ? List.of("sends a welcome e-mail") : List.of();
      }
    };
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(SANDBOX);
  }

}
