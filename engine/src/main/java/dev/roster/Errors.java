package dev.roster;

import dev.roster.spi.PlatformException;
import dev.roster.spi.Text;

/** One line for people from any failure: no stack trace, no secret. */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable e) {
    if (e instanceof PlatformException p) {
      return p.describe();
    }
    return Text.clip(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 300);
  }
}
