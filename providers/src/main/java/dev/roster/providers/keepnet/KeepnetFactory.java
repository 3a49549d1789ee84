package dev.roster.providers.keepnet;

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
import feign.RequestInterceptor;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Keepnet target users ({@code type: keepnet}): security-awareness targets of one company. */
public final class KeepnetFactory implements ProviderFactory {
  public static final String TYPE = "keepnet";
  public static final String DEFAULT_URL = "https://api.keepnetlabs.com";
  public static final String COMPANY_HEADER = "X-KEEPNET-Company-Id";
  static final int DEFAULT_PAGE_SIZE = 100;
  /** Compiled once: String.split compiles its pattern on every call, and this runs once per person. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Limits of UpdateTargetUserRequest (tighter than create's 256): a user must stay updatable. */
  static final Map<String, Integer> MAX_LENGTH = limits();

  private static final AccountModel MODEL = AccountModel.of("email", List.of(
      Attribute.of("email", Comparison.CASE_INSENSITIVE),
      Attribute.of("firstName"),
      Attribute.of("lastName"),
      Attribute.of("phoneNumber"),
      Attribute.of("department"),
      Attribute.of("priority"),
      Attribute.of("isActive"),
      Attribute.of("targetGroups", Comparison.UNORDERED),
      Attribute.of("managerEmail", Comparison.CASE_INSENSITIVE),
      Attribute.of("managerFirstName"),
      Attribute.of("managerLastName"),
      Attribute.of("timeZoneId"),
      Attribute.of("preferredLanguageId")));

  private static Map<String, Integer> limits() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("email", 320);
    m.put("firstName", 40);
    m.put("lastName", 40);
    m.put("department", 64);
    m.put("managerEmail", 320);
    m.put("managerFirstName", 40);
    m.put("managerLastName", 40);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String type() {
    return TYPE;
  }



  @Override
  public AccountModel model() {
    return MODEL;
  }

  /** The person's email, and their name split into the first word and the rest. */
  @Override
  public Map<String, Object> personDefaults(Person person) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (person.email() != null) {
      d.put("email", person.email());
    }
    if (person.name() != null && !person.name().isBlank()) {
      String[] parts = WHITESPACE.split(person.name().strip(), 2);
      d.put("firstName", parts[0]);
      if (parts.length > 1) {
        d.put("lastName", parts[1]);
      }
    }
    return d;
  }

  @Override
  public List<String> check(Map<String, Object> account) {
    List<String> problems = new ArrayList<>();
    if (!account.containsKey("email")) {
      problems.add("email is required: set it on the account or on the person");
    }
    MAX_LENGTH.forEach((field, max) -> {
      Object v = account.get(field);
      String s = v instanceof Secret secret ? secret.reveal() : v instanceof String str ? str : null;
      if (s != null && s.length() > max) {
        problems.add(field + " is " + s.length() + " characters; Keepnet accepts at most " + max
            + (field.equals("email") || field.equals("managerEmail") ? "" : " (its limit on update)"));
      }
    });
    return problems;
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    return create(config, context, Clock.systemUTC());
  }

  /** As {@link #create(InstanceConfig, ProviderContext)}, with the clock token lifetimes are measured by. */
  Provider create(InstanceConfig config, ProviderContext context, Clock clock) {
    String url = config.url(DEFAULT_URL);
    String clientId = config.string("clientId");
    Secret clientSecret = config.secret("clientSecret");
    if (clientId == null || clientSecret == null) {
      throw new IllegalArgumentException("keepnet instance " + config.name() + ": clientId and clientSecret are required");
    }
    String companyId = config.string("companyId");
    if (companyId != null && !KeepnetProvider.RESOURCE_ID.matcher(companyId).matches()) {
      // it becomes a header: never let a resolved reference smuggle a line break into it
      throw new IllegalArgumentException("keepnet instance " + config.name()
          + ": companyId must be a company resourceId (letters, digits, '-' and '_')");
    }
    if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw new IllegalArgumentException("keepnet instance " + config.name() + ": url must be http(s)://host[/path]");
    }
    KeepnetErrors errors = new KeepnetErrors();
    KeepnetApi.Token tokenApi = context.http().build(KeepnetApi.Token.class, url, errors,
        KeepnetTokens.formBody(clientId, clientSecret));
    KeepnetTokens tokens = new KeepnetTokens(tokenApi, clock);
    RequestInterceptor auth = t -> {
      t.removeHeader("Authorization");
      t.header("Authorization", "Bearer " + tokens.token());
      if (companyId != null && !companyId.isBlank()) {
        t.removeHeader(COMPANY_HEADER);
        t.header(COMPANY_HEADER, companyId);
      }
    };
    KeepnetApi api = context.http().build(KeepnetApi.class, url, errors, auth);
    int pageSize = (int) config.number("pageSize", DEFAULT_PAGE_SIZE);
    boolean readDetails = Boolean.TRUE.equals(config.values().get("readDetails"));
    return new KeepnetProvider(api, tokens, context.concurrency(), pageSize, readDetails);
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(new KeepnetSandbox());
  }

}
