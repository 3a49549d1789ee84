package dev.roster.providers.keitaro;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Keitaro's error bodies: {@code {"error": "…"}}, and for 406 a map of field to messages. */
final class KeitaroErrors implements ErrorMessages {

  @Override
  public String message(int status, String body) {
    JsonNode node = Json.readLeniently(body);
    if (node.path("error").isString()) {
      return node.path("error").asString();
    }
    if (node.isObject()) {
      // 406 "Required fields are not acceptable": {"login": ["Login already exists"], ...}
      List<String> parts = new ArrayList<>();
      for (String field : node.propertyNames()) {
        JsonNode messages = node.get(field);
        List<String> texts = messages.isArray() ? Json.strings(messages) : List.of(messages.asString());
        parts.add(field + ": " + String.join(", ", texts));
      }
      return parts.isEmpty() ? null : String.join("; ", parts);
    }
    return null;
  }

  @Override
  public String hint(int status, String message) {
    return switch (status) {
      case 401 -> "the tracker rejected the API key: check apiKey (Maintenance > Users > Admin API keys)";
      case 402 -> "the Admin API is not available in this Keitaro edition";
      case 403 -> "the API key may not change users";
      case 404 -> "the user is gone from the tracker: run 'roster plan' again";
      case 406 -> "the tracker refused these field values";
      default -> null;
    };
  }
}
