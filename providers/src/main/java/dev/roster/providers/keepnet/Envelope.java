package dev.roster.providers.keepnet;

import dev.roster.spi.Text;
import dev.roster.spi.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Keepnet's response envelope, read leniently. The spec documents
 * {@code {data, status, message, validationMessages}} ({@code ServiceResult<T>}); the quickstart
 * describes {@code {isSuccess, data, messages}}. Either way {@code data} is the payload, and a
 * non-empty {@code validationMessages}, {@code isSuccess: false} or a failure {@code status} means the
 * platform refused the request even when the HTTP status is 2xx.
 */
final class Envelope {
  /** {@code status} values that mean failure; anything else (Success, Ok, absent) is success. */
  private static final Set<String> FAILED = Set.of("error", "failed", "failure", "invalid", "notfound",
      "unauthorized", "forbidden", "conflict");

  private Envelope() {}

  /** The {@code data} of a successful answer (a missing node when the answer has none). */
  static JsonNode data(JsonNode answer, String request) {
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      return tools.jackson.databind.node.MissingNode.getInstance();
    }
    String failure = failure(answer);
    if (failure != null) {
      throw new PlatformException(200, request, failure, KeepnetErrors.hintFor(200, failure));
    }
    return answer.path("data");
  }

  /** The platform's words when the envelope says the request failed, else null. */
  static String failure(JsonNode answer) {
    if (answer == null || !answer.isObject()) {
      return null;
    }
    List<String> validation = texts(answer.get("validationMessages"));
    boolean failed = !validation.isEmpty()
        || answer.path("isSuccess").isBoolean() && !answer.path("isSuccess").asBoolean()
        || answer.path("status").isString()
            && FAILED.contains(answer.path("status").asString().toLowerCase(Locale.ROOT));
    if (!failed) {
      return null;
    }
    String text = message(answer);
    return text == null ? "Keepnet reported a failure without a message" : text;
  }

  /** Every message an envelope or error body carries, joined; null when it has none. */
  static String message(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    parts.addAll(texts(body.get("validationMessages")));
    parts.addAll(texts(body.get("messages")));
    for (String field : List.of("message", "error_description", "detail", "title")) {
      JsonNode n = body.get(field);
      if (n != null && n.isString() && !n.asString().isBlank() && !parts.contains(n.asString())) {
        parts.add(n.asString());
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
    JsonNode error = body.get("error");
    if (error != null && error.isString() && !error.asString().isBlank()) {
      parts.add(0, error.asString()); // OAuth: {"error":"invalid_client"}
    }
    if (parts.isEmpty()) {
      return null;
    }
    return Text.clip(String.join("; ", parts), 500);
  }

  /** Strings of a string, an array of strings, or an array of {@code {message}} / {@code {text}} objects. */
  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isString()) {
      if (!node.asString().isBlank()) {
        out.add(node.asString());
      }
      return out;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isString() && !item.asString().isBlank()) {
          out.add(item.asString());
        } else if (item.isObject()) {
          for (String f : List.of("message", "text", "description", "errorMessage")) {
            if (item.path(f).isString() && !item.path(f).asString().isBlank()) {
              out.add(item.path(f).asString());
              break;
            }
          }
        }
      }
    }
    return out;
  }
}
