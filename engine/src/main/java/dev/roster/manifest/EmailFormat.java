package dev.roster.manifest;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * networknt's {@code format: email}, giving the same answers faster. Its check runs a large regular
 * expression over the part before the {@code @} and a domain validator over the rest: with 100,000
 * people, 0.33 s of a load's 1.75 s of CPU, three fifths of the schema check. Here a plain local part
 * (letters, digits, {@code _ + -}, single dots between them, at most 64 characters, which that
 * expression always accepts) skips the expression, and the domain's answer is remembered, since most
 * people share a few domains. Anything else goes to networknt's check unchanged.
 */
final class EmailFormat implements Format {
  private static final int MAX_LOCAL = 64; // networknt's (Apache Commons Validator's) limit
  private static final int MAX_DOMAINS = 1_000;
  private static final Pattern PLAIN_LOCAL_PART = Pattern.compile("[A-Za-z0-9_+-]+(?:\\.[A-Za-z0-9_+-]+)*");

  private final Format networknt = new com.networknt.schema.format.EmailFormat();
  private final Map<String, Boolean> domains = new ConcurrentHashMap<>();

  @Override
  public String getName() {
    return "email";
  }

  @Override
  public String getMessageKey() {
    return networknt.getMessageKey();
  }

  @Override
  public boolean matches(ExecutionContext context, String value) {
    int at = value.lastIndexOf('@');
    if (!plainLocalPart(value, at)) {
      return networknt.matches(context, value);
    }
    // The whole check is: no non-ASCII space anywhere, then the local part, then the domain. The
    // local part passes and has neither, so the answer is the domain's, which is what checking
    // "a@domain" answers.
    String domain = value.substring(at + 1);
    Boolean known = domains.get(domain);
    if (known != null) {
      return known;
    }
    boolean valid = networknt.matches(context, "a@" + domain);
    if (domains.size() < MAX_DOMAINS) {
      domains.put(domain, valid);
    }
    return valid;
  }

  /** {@code value[0, end)} is dot-separated runs of {@code [A-Za-z0-9_+-]}, 1 to 64 characters. */
  static boolean plainLocalPart(String value, int end) {
    return end >= 1 && end <= MAX_LOCAL && PLAIN_LOCAL_PART.matcher(value).region(0, end).matches();
  }

}
