package dev.roster.spi;

/**
 * A platform refused a request. {@link #getMessage()} is what the platform said, as it said it;
 * {@link #hint()} says what the user can check. Never carries a secret.
 */
public class PlatformException extends RuntimeException {
  private final int status;
  private final String request;
  private final String hint;
  private final boolean answerLost;

  public PlatformException(int status, String request, String platformMessage, String hint) {
    this(status, request, platformMessage, hint, false);
  }

  /**
   * @param answerLost the request was sent but its answer never came (the connection broke or timed
   *     out): the platform may have carried it out
   */
  public PlatformException(int status, String request, String platformMessage, String hint, boolean answerLost) {
    super(platformMessage);
    this.status = status;
    this.request = request;
    this.hint = hint;
    this.answerLost = answerLost;
  }

  public boolean answerLost() {
    return answerLost;
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
