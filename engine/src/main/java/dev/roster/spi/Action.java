package dev.roster.spi;

/** What a change does to an account. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  /** Keeps the account but takes its access away (Keepnet {@code isActive: false}): an update of one attribute. */
  SUSPEND("!"),
  DELETE("-");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  /** Terraform-style marker: {@code + ~ ! -}. */
  public String symbol() {
    return symbol;
  }

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
