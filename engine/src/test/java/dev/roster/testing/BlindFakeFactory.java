package dev.roster.testing;

import dev.roster.spi.Change;
import dev.roster.spi.AccountModel;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Person;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.ProviderFactory;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The fake platform as if it had no read API: the engine must diff against a state file. */
public final class BlindFakeFactory implements ProviderFactory {
  private final FakeFactory fake = new FakeFactory();

  @Override
  public String type() {
    return "blindfake";
  }

  @Override
  public JsonNode configSchema() {
    ObjectNode schema = (ObjectNode) fake.configSchema().deepCopy();
    ((ObjectNode) schema.get("properties")).putObject("state").put("type", "string");
    return schema;
  }

  @Override
  public JsonNode accountSchema() {
    return fake.accountSchema();
  }

  @Override
  public AccountModel model() {
    return fake.model();
  }

  @Override
  public Map<String, Object> personDefaults(Person person) {
    return fake.personDefaults(person);
  }

  @Override
  public boolean readable() {
    return false;
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    Provider inner = fake.create(config, context);
    return new Provider() {
      @Override
      public List<LiveAccount> list(dev.roster.spi.Declared declared) {
        throw new UnsupportedOperationException("this platform cannot be read");
      }

      @Override
      public void apply(Change change) {
        inner.apply(change);
      }
    };
  }
}
