package dev.roster.providers.engagelab;

import dev.roster.spi.Secret;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What EngageLab refuses that the account schema cannot say, checked by {@code roster validate} so
 * that it is not first met as a refusal during apply (NOTES.md 5.2): empty values (code 55103), and
 * datetimes in any format but {@code yyyy-MM-dd HH:mm:ss}.
 */
final class AccountRules {
  /** The only datetime format EngageLab takes. */
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  /** A string that starts like a date and a time: meant as a datetime, so it must be one. */
  private static final Pattern LOOKS_LIKE_DATETIME = Pattern.compile("^\\d{4}-\\d{1,2}-\\d{1,2}[ T]\\d{1,2}:\\d{1,2}.*");
  private static final Pattern EXACT_DATETIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$");

  private AccountRules() {}

  static List<String> problems(Map<String, Object> account) {
    List<String> problems = new ArrayList<>();
    if (account.get("userId") instanceof String id && id.length() > 256) {
      problems.add("userId is longer than 256 characters, the most EngageLab's register accepts");
    }
    if (account.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach((name, value) -> {
        String problem = propertyProblem(value);
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
  private static String propertyProblem(Object value) {
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
}
