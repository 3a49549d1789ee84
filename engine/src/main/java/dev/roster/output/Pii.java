package dev.roster.output;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code --redact-pii}: masks names, e-mail addresses and phone numbers in plans meant for public
 * pull requests. Handles and instance names stay: they are what the files are written in.
 */
public final class Pii {
  private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{6,}[0-9]");
  public static final String MASK = "(redacted)";

  private final boolean on;

  public Pii(boolean on) {
    this.on = on;
  }

  public static Pii off() {
    return new Pii(false);
  }

  public boolean on() {
    return on;
  }

  /** A key or free text: e-mails keep their first letter and domain, phone numbers go. */
  public String text(String s) {
    if (!on || s == null) {
      return s;
    }
    return PHONE.matcher(EMAIL.matcher(s).replaceAll("$1…@$2")).replaceAll(MASK);
  }

  /** An attribute's value: whole values of name, e-mail and phone attributes go. */
  public Object value(String attribute, Object value) {
    if (!on || value == null) {
      return value;
    }
    String a = attribute.toLowerCase(Locale.ROOT);
    if (a.contains("name") || a.contains("phone") || a.contains("mobile")) {
      return MASK;
    }
    return value instanceof String s ? text(s) : value;
  }
}
