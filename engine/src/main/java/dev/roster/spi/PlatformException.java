package dev.roster.spi;

/**
 * A platform refused a request. {@link #getMessage()} is what the platform said, as it said it;
 * {@link #hint()} says what the user can check. Never carries a secret.
 */
public class PlatformException extends RuntimeException {
  private final int status;
  private final String request;
  private final String hint;
  private final Kind kind;

  /** What kind of failure it is, where that changes what Roster does or says next. */
  public enum Kind {
    /** The platform answered and refused, or answered something Roster cannot use. */
    REFUSED,
    /** The request was sent but its answer never came: the platform may have carried it out. */
    ANSWER_LOST,
    /** What answered is not the platform's API (a 404, an HTML page, not JSON): the url is likely wrong. */
    NOT_THE_API
  }

  public PlatformException(int status, String request, String platformMessage, String hint) {
    this(status, request, platformMessage, hint, Kind.REFUSED);
  }

  public PlatformException(int status, String request, String platformMessage, String hint, Kind kind) {
    super(platformMessage);
    this.status = status;
    this.request = request;
    this.hint = hint;
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean answerLost() {
    return kind == Kind.ANSWER_LOST;
  }

  /** HTTP status, or 0 when no response came back. */
  public int status() {
    return status;
  }

  /** e.g. {@code POST /admin_api/v1/users}. */
  public String request() {
    return request;
  }

  public String hint() {
    return hint;
  }

  /** One line for people: request, status, the platform's words, and the hint. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (request != null) {
      s.append(request).append(": ");
    }
    if (status > 0) {
      s.append("HTTP ").append(status).append(": ");
    }
    s.append(getMessage());
    if (hint != null && !hint.isBlank()) {
      s.append(" (").append(hint).append(")");
    }
    return s.toString();
  }
}
