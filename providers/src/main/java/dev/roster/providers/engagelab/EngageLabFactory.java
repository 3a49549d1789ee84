package dev.roster.providers.engagelab;

import dev.roster.spi.Json;
import dev.roster.spi.SandboxApi;
import dev.roster.spi.AccountModel;
import dev.roster.spi.Attribute;
import dev.roster.spi.Comparison;
import dev.roster.spi.InstanceConfig;
import dev.roster.spi.Person;
import dev.roster.spi.Provider;
import dev.roster.spi.ProviderContext;
import dev.roster.spi.ProviderFactory;
import dev.roster.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

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
      Attribute.of("contacts", Comparison.SUBSET)));

  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  /** A string that starts like a date and a time: meant as a datetime, so it must be one. */
  private static final Pattern LOOKS_LIKE_DATETIME = Pattern.compile("^\\d{4}-\\d{1,2}-\\d{1,2}[ T]\\d{1,2}:\\d{1,2}.*");
  private static final Pattern EXACT_DATETIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$");

  private final EngageLabSandbox sandbox = new EngageLabSandbox();

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
    List<String> problems = new ArrayList<>();
    if (account.get("userId") instanceof String id && id.length() > 256) {
      problems.add("userId is longer than 256 characters, the most EngageLab's register accepts");
    }
    if (account.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach((name, value) -> {
        String problem = checkProperty(value);
        if (problem != null) {
          problems.add("properties." + name + ": " + problem);
        }
      });
    }
    if (account.get("contacts") instanceof Map<?, ?> contacts) {
      contacts.forEach((name, value) -> {
        if (value instanceof String s && s.isBlank()) {
          problems.add("contacts." + name + " is empty: EngageLab refuses empty values (code 55103); leave it out instead");
        }
      });
    }
    return problems;
  }

  /** Why EngageLab would refuse this property value, or null. */
  static String checkProperty(Object value) {
    if (value == null) {
      return "no value: EngageLab refuses empty values (code 55103); remove the property to clear it";
    }
    if (value instanceof Secret) {
      return "a secret reference cannot be a property value";
    }
    if (!(value instanceof String s)) {
      return null;
    }
    if (s.isBlank()) {
      return "empty value: EngageLab refuses empty values (code 55103); remove the property to clear it";
    }
    if (LOOKS_LIKE_DATETIME.matcher(s).matches()) {
      if (!EXACT_DATETIME.matcher(s).matches()) {
        return "'" + s + "' looks like a datetime but is not written 'yyyy-MM-dd HH:mm:ss' (e.g. 2024-03-01 09:30:00), "
            + "the only datetime format EngageLab takes";
      }
      try {
        LocalDateTime.parse(s, DATETIME);
      } catch (DateTimeParseException e) {
        return "'" + s + "' is not a real date and time";
      }
    }
    return null;
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    Secret apiKey = config.secret("apiKey");
    Secret apiSecret = config.secret("apiSecret");
    if (apiKey == null || apiSecret == null) {
      throw new IllegalArgumentException("engagelab instance '" + config.name() + "' needs apiKey and apiSecret");
    }
    Secret credentials = basic(apiKey, apiSecret);
    EngageLabApi api = context.http().build(EngageLabApi.class, config.url(DEFAULT_URL), new EngageLabErrors(),
        template -> template.header("Authorization", "Basic " + credentials.reveal()));
    return new EngageLabProvider(api);
  }

  /**
   * {@code base64(apiKey:apiSecret)}, itself a {@link Secret}: as such it is masked in any text that
   * leaves Roster, like the key and secret it is made of.
   */
  static Secret basic(Secret apiKey, Secret apiSecret) {
    String pair = apiKey.reveal() + ":" + apiSecret.reveal();
    return new Secret("base64(apiKey:apiSecret)", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(sandbox);
  }
}
