package dev.roster.output;

/** ANSI colour, on only for a terminal and never when {@code NO_COLOR} is set (no-color.org). */
public record Style(boolean colour) {
  public static Style plain() {
    return new Style(false);
  }

  public static Style detect(boolean terminal, java.util.Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return new Style(terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM")));
  }

  public String green(String s) {
    return paint("32", s);
  }

  public String yellow(String s) {
    return paint("33", s);
  }

  public String red(String s) {
    return paint("31", s);
  }

  public String bold(String s) {
    return paint("1", s);
  }

  public String dim(String s) {
    return paint("2", s);
  }

  private String paint(String code, String s) {
    return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
