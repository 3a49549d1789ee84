package dev.roster.providers.keepnet;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;
import dev.roster.spi.PlatformException;
import dev.roster.spi.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Keepnet's answers, read leniently. The spec documents the envelope
 * {@code {data, status, message, validationMessages}} ({@code ServiceResult<T>}); the quickstart
 * describes {@code {isSuccess, data, messages}}. Either way {@code data} is the payload, and a
 * non-empty {@code validationMessages}, {@code isSuccess: false} or a failure {@code status} means the
 * platform refused the request even when the HTTP status is 2xx.
 *
 * <p>Error bodies come as that envelope, as the token endpoint's OAuth errors ({@code error},
 * {@code error_description}) or as ASP.NET problem details ({@code title}, {@code errors}). Hints
 * follow the statuses Keepnet documents (quickstart and reseller use-case pages).
 */
final class KeepnetAnswers implements ErrorMessages {
  /** {@code status} values that mean failure; anything else (Success, Ok, absent) is success. */
  private static final Set<String> FAILED = Set.of("error", "failed", "failure", "invalid", "notfound",
      "unauthorized", "forbidden", "conflict");

  /** The {@code data} of a successful answer (a missing node when the answer has none). */
  static JsonNode data(JsonNode answer, String request) {
    if (answer == null) {
      return MissingNode.getInstance();
    }
    if (failed(answer)) {
      String message = message(answer);
      String failure = message == null ? "Keepnet reported a failure without a message" : message;
      throw new PlatformException(200, request, failure, hintFor(200, failure));
    }
    return answer.path("data");
  }

  private static boolean failed(JsonNode answer) {
    return answer.isObject() && (!texts(answer.get("validationMessages")).isEmpty()
        || answer.path("isSuccess").isBoolean() && !answer.path("isSuccess").asBoolean()
        || answer.path("status").isString()
            && FAILED.contains(answer.path("status").asString().toLowerCase(Locale.ROOT)));
  }

  /** Every message an envelope or error body carries, joined; null when it has none. */
  static String message(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    List<String> parts = new ArrayList<>(texts(body.get("validationMessages")));
    parts.addAll(texts(body.get("messages")));
    for (String field : List.of("message", "error_description", "detail", "title")) {
      String text = text(body.get(field));
      if (text != null && !parts.contains(text)) {
        parts.add(text);
      }
    }
    // ASP.NET model validation: {"errors": {"Email": ["The Email field is required."]}}
    JsonNode errors = body.get("errors");
    if (errors != null && errors.isObject()) {
      for (var e : errors.properties()) {
        for (String t : texts(e.getValue())) {
          parts.add(e.getKey() + ": " + t);
        }
      }
    } else {
      parts.addAll(texts(errors));
    }
    String error = text(body.get("error"));
    if (error != null) {
      parts.add(0, error); // OAuth: {"error":"invalid_client"}
    }
    return parts.isEmpty() ? null : Text.clip(String.join("; ", parts), 500);
  }

  /** Strings of a string, an array of strings, or an array of {@code {message}} / {@code {text}} objects. */
  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (text(node) != null) {
      out.add(text(node));
    } else if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        String text = item.isObject() ? firstText(item) : text(item);
        if (text != null) {
          out.add(text);
        }
      }
    }
    return out;
  }

  private static String firstText(JsonNode item) {
    for (String field : List.of("message", "text", "description", "errorMessage")) {
      if (text(item.get(field)) != null) {
        return text(item.get(field));
      }
    }
    return null;
  }

  /** The node's text when it is a string that is not blank, else null. */
  private static String text(JsonNode node) {
    return node != null && node.isString() && !node.asString().isBlank() ? node.asString() : null;
  }

  @Override
  public String message(int status, String body) {
    // not JSON: null, and the decoder shows the body itself, clipped
    return KeepnetAnswers.message(Json.readLeniently(body));
  }

  @Override
  public String hint(int status, String message) {
    return hintFor(status, message);
  }

  static String hintFor(int status, String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("invalid_client")) {
      return "check clientId and clientSecret (Keepnet: Company > Company Settings > REST API)";
    }
    if (m.contains("invalid_scope")) {
      return "the REST API client must be allowed the scope api1";
    }
    if (m.contains("unauthorized_client") || m.contains("unsupported_grant_type")) {
      return "the REST API client must allow the client_credentials grant";
    }
    return switch (status) {
      case 400 -> "check the values sent (field limits, e-mail format, target group ids); "
          + "with reseller credentials, check companyId";
      case 401 -> "Keepnet refused the access token: check clientId/clientSecret and the client's IP restriction";
      case 403 -> "the REST API client's role lacks permission for target users, "
          + "or companyId is not a company these reseller credentials manage";
      case 404 -> "the target user or group no longer exists, or companyId is wrong";
      case 409 -> "a target user with this e-mail already exists";
      case 500 -> "a Keepnet server error; on /connect/token it means the request was not form-encoded";
      default -> status >= 500 ? "Keepnet is unavailable; try again later" : null;
    };
  }
}
