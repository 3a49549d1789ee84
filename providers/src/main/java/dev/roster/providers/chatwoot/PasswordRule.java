package dev.roster.providers.chatwoot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Chatwoot's password rule (Devise {@code password_length 6..128} and devise-secure_password: at
 * least one upper-case letter, lower-case letter, digit and special character), checked by
 * {@code roster validate} so that it is not first met as a 422 during apply. Messages never
 * contain the password.
 */
final class PasswordRule {
  static final int MIN = 6;
  static final int MAX = 128;
  static final String SPECIALS = "!@#$%^&*()_+-=[]{}|'\"/\\.,`<>:;?~";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Letters and digits without the look-alikes I, O, l, 0 and 1. */
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final String GENERATED_SPECIALS = "!@#%^*-_=+";

  private PasswordRule() {}

  static List<String> problems(String password) {
    List<String> missing = new ArrayList<>();
    if (password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
      missing.add("an upper-case letter");
    }
    if (password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      missing.add("a lower-case letter");
    }
    if (password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
      missing.add("a digit");
    }
    if (password.chars().noneMatch(c -> SPECIALS.indexOf(c) >= 0)) {
      missing.add("a special character (one of " + SPECIALS + ")");
    }
    List<String> problems = new ArrayList<>();
    int length = password.codePointCount(0, password.length());
    if (length < MIN || length > MAX) {
      problems.add("password must be " + MIN + " to " + MAX + " characters long (it has " + length + ")");
    }
    if (!missing.isEmpty()) {
      problems.add("password must contain " + String.join(", ", missing));
    }
    return problems;
  }

  static boolean valid(String password) {
    return problems(password).isEmpty();
  }

  /** A password that meets the rule: 24 characters with every class in it. */
  static String generated() {
    char special = GENERATED_SPECIALS.charAt(RANDOM.nextInt(GENERATED_SPECIALS.length()));
    List<Character> chars = new ArrayList<>(List.of('A', 'a', '1', special));
    for (int i = 0; i < 20; i++) {
      chars.add(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    Collections.shuffle(chars, RANDOM); // so that the fixed classes are not always first
    return chars.stream().map(String::valueOf).collect(Collectors.joining());
  }
}
