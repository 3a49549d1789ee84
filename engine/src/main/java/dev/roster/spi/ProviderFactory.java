package dev.roster.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One per provider {@code type}, found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.roster.spi.ProviderFactory}). It describes the type and builds a
 * {@link Provider} for each instance the files declare. Its schemas are two resources beside the
 * class: {@code config.schema.json} (the instance's own keys) and {@code account.schema.json}.
 */
public interface ProviderFactory {

  /** The {@code type} written in the files, e.g. {@code keitaro}. */
  String type();

  /** The attributes an account has, which one is its key, and how each is compared. */
  AccountModel model();

  /** Builds the provider of one instance. Must not send any request. */
  Provider create(InstanceConfig config, ProviderContext context);

  /**
   * JSON Schema (2020-12) of the provider's own keys of an instance's config. The engine adds the
   * keys every instance has ({@code type}, {@code prune}, {@code protect}, ...) itself.
   */
  default JsonNode configSchema() {
    return Json.resource(getClass(), "config.schema.json");
  }

  /** JSON Schema (2020-12) of one account's attributes on this platform. */
  default JsonNode accountSchema() {
    return Json.resource(getClass(), "account.schema.json");
  }

  /**
   * Attributes an account inherits from its person unless it sets them itself, e.g. the Keitaro
   * login from the handle, or the Chatwoot email from the person's email.
   */
  default Map<String, Object> personDefaults(Person person) {
    return Map.of();
  }

  /** Checks the schema cannot express (a password rule, say); each message is reported at the account's line. */
  default List<String> check(Map<String, Object> account) {
    return List.of();
  }

  /**
   * What stops a rename on this instance, checked before anything is read: each message is reported
   * where {@code previously} is written. A Chatwoot instance, say, changes an agent's e-mail only
   * through the Platform API, so it needs a platformToken.
   *
   * @param previously the former keys and handles an account on this instance lists
   */
  default List<String> checkRename(InstanceConfig config, List<String> previously) {
    return List.of();
  }

  /**
   * False for a platform whose API cannot list or read accounts (EngageLab). The engine then never
   * calls {@link Provider#list}: it diffs against a state file recording what Roster last applied
   * (the instance's {@code state} key), and records each successful change there.
   */
  default boolean readable() {
    return true;
  }

  /** A stateful fake of this platform's API, for {@code roster sandbox}, the demo and tests. */
  default Optional<SandboxApi> sandbox() {
    return Optional.empty();
  }
}
