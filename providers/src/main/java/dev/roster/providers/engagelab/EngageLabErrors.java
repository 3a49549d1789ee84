package dev.roster.providers.engagelab;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Text;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * EngageLab's answers: {@code {"code": int, "message": string}}, where any code but 0 is a failure,
 * whatever the HTTP status. Each documented code gets a hint saying what to check (NOTES.md 5.2);
 * an unknown code keeps the platform's own words.
 */
final class EngageLabErrors implements ErrorMessages {
  private static final String CHECK_URL = "check url: it should be the MA API, e.g. https://ma-api.engagelab.com";
  private static final Pattern CODE = Pattern.compile("\\(code (-?\\d+)\\)$");

  /** What each documented code means, and what the user should check. */
  private static final Map<Integer, String> HINTS = Map.of(
      40050, "API authentication failed: check apiKey and apiSecret, the key and secret of an API-type data source in the MA console",
      40007, "the request carried no EUID: the userId was not resolved to an EngageLab user (check that register succeeded for it)",
      50031, "invalid project ID: check that apiKey is the key of an API-type data source of your MA project",
      50034, "the project does not exist (deleted?): check that the MA project of this apiKey still exists",
      50074, "the API data source does not exist: check that the API-type data source of apiKey/apiSecret was not deleted in the MA console",
      55004, "EngageLab refused the user data (undocumented code): check the userId and the values of properties and contacts",
      55102, "invalid user attributes: check that every property is defined in the MA console (user properties) and that each value has the property's type (text, number, boolean, datetime 'yyyy-MM-dd HH:mm:ss')",
      55103, "a value is empty: EngageLab refuses empty values; remove the property from the files to clear it");

  /** Sends a request and returns its answer, unless that is not {@code {"code": 0, …}}. */
  static JsonNode call(String request, Supplier<JsonNode> send) {
    JsonNode answer = send.get();
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      throw new PlatformException(200, request, "(empty response body)", CHECK_URL);
    }
    JsonNode code = answer.get("code");
    if (code == null || !code.isIntegralNumber()) {
      throw new PlatformException(200, request, "an answer without a code: " + Text.clip(answer.toString(), 200),
          CHECK_URL);
    }
    if (code.asInt() != 0) {
      String message = withCode(code.asInt(), answer.path("message").asString(""));
      throw new PlatformException(200, request, message, HINTS.get(code.asInt()));
    }
    return answer;
  }

  /** The platform's words with its code, e.g. {@code API authentication failed (code 40050)}. */
  private static String withCode(int code, String platformMessage) {
    String words = platformMessage.isBlank() ? "EngageLab refused the request" : Text.clip(platformMessage, 300);
    return words + " (code " + code + ")";
  }

  /** Non-2xx answers: the same envelope when there is one. */
  @Override
  public String message(int status, String body) {
    JsonNode node = Json.readLeniently(body);
    if (node.path("code").isIntegralNumber()) {
      return withCode(node.path("code").asInt(), node.path("message").asString(""));
    }
    return node.path("message").isString() ? node.path("message").asString() : null;
  }

  @Override
  public String hint(int status, String message) {
    Matcher m = CODE.matcher(message == null ? "" : message);
    if (m.find() && HINTS.containsKey(Integer.parseInt(m.group(1)))) {
      return HINTS.get(Integer.parseInt(m.group(1)));
    }
    return switch (status) {
      case 401, 403 -> "authentication failed: check apiKey and apiSecret, the key and secret of an API-type data source in the MA console";
      case 404, 405 -> "no such API here: check url (default https://ma-api.engagelab.com)";
      case 413 -> "the request is too large";
      default -> null;
    };
  }
}
