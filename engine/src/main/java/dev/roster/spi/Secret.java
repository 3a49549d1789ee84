package dev.roster.spi;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A resolved secret. It prints, logs and serialises as {@code (sensitive)}; only {@link #reveal()}
 * gives the value, and only code that sends it to the platform calls that.
 *
 * @param reference where it came from, e.g. {@code ${env:KEITARO_API_KEY}}: not secret, and what a
 *     saved plan records so that {@code apply PLANFILE} can resolve it again
 */
public final class Secret {
  public static final String MASK = "(sensitive)";

  private final String reference;
  private final String value;

  public Secret(String reference, String value) {
    this.reference = Objects.requireNonNull(reference);
    this.value = Objects.requireNonNull(value);
    Redactor.register(value);
  }

  public String reveal() {
    return value;
  }

  public String reference() {
    return reference;
  }

  @JsonValue
  @Override
  public String toString() {
    return MASK;
  }

  /** Two secrets are equal when their values are: a rotated secret is a change. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
