package dev.roster.providers.keepnet;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Provider type {@code keepnet}: the target users (security-awareness targets) of one Keepnet company. */
public final class KeepnetFactory implements ProviderFactory {
  public static final String TYPE = "keepnet";
  private static final String DEFAULT_URL = "https://api.keepnetlabs.com";
  static final String COMPANY_HEADER = "X-KEEPNET-Company-Id";
  private static final Pattern URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");
  /** Compiled once: String.split compiles its pattern on every call, and this runs once per person. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /** Limits of UpdateTargetUserRequest (tighter than create's 256): a user must stay updatable. */
  private static final List<Map.Entry<String, Integer>> MAX_LENGTH = List.of(Map.entry("email", 320),
      Map.entry("firstName", 40), Map.entry("lastName", 40), Map.entry("department", 64),
      Map.entry("managerEmail", 320), Map.entry("managerFirstName", 40), Map.entry("managerLastName", 40));

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
      Attribute.of("preferredLanguageId")))
      // a suspension is the isActive flag, sent in the same full-replacement PUT as any update
      .withSuspension("isActive", false, true)
      .withNames("firstName", "lastName");

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
    for (Map.Entry<String, Integer> limit : MAX_LENGTH) {
      Object v = account.get(limit.getKey());
      String s = v instanceof Secret secret ? secret.reveal() : v instanceof String str ? str : null;
      if (s != null && s.length() > limit.getValue()) {
        problems.add(limit.getKey() + " is " + s.length() + " characters; Keepnet accepts at most " + limit.getValue()
            + (List.of("email", "managerEmail").contains(limit.getKey()) ? "" : " (its limit on update)"));
      }
    }
    return problems;
  }

  @Override
  public Provider create(InstanceConfig config, ProviderContext context) {
    return create(config, context, Clock.systemUTC());
  }

  /** As {@link #create(InstanceConfig, ProviderContext)}, with the clock token lifetimes are measured by. */
  Provider create(InstanceConfig config, ProviderContext context, Clock clock) {
    String url = config.url(DEFAULT_URL);
    String companyId = config.string("companyId");
    // both may come from references, which resolve to any text: never a line break into a header or a path
    if (!URL.matcher(url).matches()) {
      throw new IllegalArgumentException("keepnet instance " + config.name() + ": url must be http(s)://host[/path]");
    }
    if (companyId != null && !KeepnetProvider.RESOURCE_ID.matcher(companyId).matches()) {
      throw new IllegalArgumentException("keepnet instance " + config.name()
          + ": companyId must be a company resourceId (letters, digits, '-' and '_')");
    }
    KeepnetAnswers errors = new KeepnetAnswers();
    KeepnetTokens tokens = new KeepnetTokens(context.http().build(KeepnetApi.Token.class, url, errors,
        KeepnetTokens.formBody(config.string("clientId"), config.secret("clientSecret"))), clock);
    KeepnetApi api = context.http().build(KeepnetApi.class, url, errors, t -> {
      t.removeHeader("Authorization");
      t.header("Authorization", "Bearer " + tokens.token());
      if (companyId != null) {
        t.removeHeader(COMPANY_HEADER);
        t.header(COMPANY_HEADER, companyId);
      }
    });
    return new KeepnetProvider(api, tokens, context.concurrency(), (int) config.number("pageSize", 100),
        Boolean.TRUE.equals(config.values().get("readDetails")));
  }

  @Override
  public Optional<SandboxApi> sandbox() {
    return Optional.of(new KeepnetSandbox());
  }
}
