package dev.roster.cli;

/** The {@code roster} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(Environment.system(), args));
  }
}
