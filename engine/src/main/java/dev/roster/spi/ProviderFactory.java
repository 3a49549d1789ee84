package dev.roster.spi;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One per provider {@code type}, found with {@link java.util.ServiceLoader}. It describes the type
 * (schemas, account model) and builds a {@link Provider} for each instance the manifest declares.
 */
public interface ProviderFactory {

  /** The {@code type} written in the manifest, e.g. {@code keitaro}. */
  String type();

  /**
   * JSON Schema (2020-12) of the provider-specific keys of an instance's config. The engine adds the
   * keys every instance has ({@code type}, {@code prune}, {@code protect}, ...) itself.
   */
  JsonNode configSchema();

  /** JSON Schema (2020-12) of one account's attributes on this platform. */
  JsonNode accountSchema();

  /** The attributes an account has, and which one is its key. */
  AccountModel model();

  /**
   * Attributes an account inherits from its person unless it sets them itself, e.g. the Keitaro
   * login from the handle, or the Chatwoot email from the person's email.
   */
  Map<String, Object> personDefaults(Person person);

  /**
   * Semantic checks the schema cannot express (a password rule, say), run by {@code validate}.
   * Returns messages; each is reported at the account's line.
   */
  default java.util.List<String> check(Map<String, Object> account) {
    return java.util.List.of();
  }

  /**
   * False for a platform whose API cannot list or read accounts (EngageLab). The engine then never
   * calls {@link Provider#list()}: it diffs against a state file recording what Roster last applied
   * (the instance's {@code state} config key), and updates that file after each successful change.
   */
  default boolean readable() {
    return true;
  }

  /** Builds the provider of one instance. Must not send any request. */
  Provider create(InstanceConfig config, ProviderContext context);

  /** A stateful fake of this platform's API, for {@code roster sandbox}, demos and tests. */
  default Optional<SandboxApi> sandbox() {
    return Optional.empty();
  }
}
