package dev.roster.providers;

import dev.roster.spi.Json;
import dev.roster.spi.PlatformException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A platform's list answers, refused unless they have the documented shape: a read that took what it
 * could from a malformed answer would see fewer accounts than there are, and the plan would prune the
 * others. Feign reads an answer without a body as no list at all, and a 204 as an empty one, so the
 * lists are decoded here, from the JSON as it came.
 */
public final class ListAnswers {
  private final String hint;

  /** @param hint what the user can check when an answer has the wrong shape: usually the url */
  public ListAnswers(String hint) {
    this.hint = hint;
  }

  /**
   * The entries of a list answer as maps.
   *
   * @param entry what one entry is, for messages: "agent"
   * @param id the field each entry identifies itself by, a whole number
   * @param text a field each entry must have as a non-blank string
   */
  public List<Map<String, Object>> entries(JsonNode answer, String request, String entry, String id, String text) {
    return entries(answer, request, entry, id, text, e -> false);
  }

  /**
   * As {@link #entries(JsonNode, String, String, String, String)}, without the entries {@code leftOut}
   * names: those are only checked to be objects.
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> entries(JsonNode answer, String request, String entry, String id, String text,
      Predicate<JsonNode> leftOut) {
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      throw malformed(request, "the answer has no body: a list of " + entry + "s was expected");
    }
    if (!answer.isArray()) {
      throw malformed(request, "the answer is " + Json.kind(answer) + ", not a list of " + entry + "s");
    }
    List<Map<String, Object>> entries = new ArrayList<>(answer.size());
    for (int i = 0; i < answer.size(); i++) {
      JsonNode e = answer.get(i);
      String which = entry + " " + (i + 1) + " of " + answer.size() + " in the answer";
      if (!e.isObject()) {
        throw malformed(request, which + " is " + Json.kind(e) + ", not an object");
      }
      if (leftOut.test(e)) {
        continue;
      }
      if (!e.path(id).isIntegralNumber()) {
        throw malformed(request, which + " has no " + id);
      }
      if (!e.path(text).isString() || e.path(text).asString().isBlank()) {
        throw malformed(request, which + " has no " + text);
      }
      entries.add(Json.MAPPER.convertValue(e, LinkedHashMap.class));
    }
    return entries;
  }

  /** {@link #entries} of the list inside an answer shaped {@code {"payload": [...]}}. */
  public List<Map<String, Object>> payloadEntries(JsonNode answer, String request, String entry, String id,
      String text) {
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      throw malformed(request, "the answer has no body: a payload of " + entry + "s was expected");
    }
    if (!answer.isObject() || !answer.path("payload").isArray()) {
      throw malformed(request, "the answer is " + Json.kind(answer) + " without a payload list of " + entry + "s");
    }
    return entries(answer.get("payload"), request, entry, id, text);
  }

  private PlatformException malformed(String request, String message) {
    return new PlatformException(200, request, message, hint);
  }
}
