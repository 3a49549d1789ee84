package dev.roster.providers.chatwoot;

import dev.roster.providers.ListAnswers;
import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Chatwoot's error bodies (NOTES.md 1.3, 1.5): {@code {"error": "…"}}, a record invalid as
 * {@code {"message": "…", "attributes": […]}}, Rails' {@code {"status":404,"error":"Not Found"}}, and
 * the swagger's {@code {"description", "errors":[{field, message}]}} in case a build sends it. The
 * hints differ between the Application API (apiToken) and the Platform API (platformToken).
 */
final class ChatwootErrors implements ErrorMessages {
  static final String NOT_PERMISSIBLE = "Non permissible resource";
  /** Chatwoot's list answers, checked for their documented shape. */
  static final ListAnswers LISTS =
      new ListAnswers("check url: the installation's root URL, e.g. https://app.chatwoot.com");

  private final boolean platform;

  ChatwootErrors(boolean platform) {
    this.platform = platform;
  }

  @Override
  public String message(int status, String body) {
    JsonNode node = Json.readLeniently(body);
    if (!node.isObject()) {
      return null;
    }
    if (node.path("message").isString()) {
      List<String> attributes = Json.strings(node.path("attributes"));
      String message = node.get("message").asString();
      return attributes.isEmpty() ? message : message + " (attributes: " + String.join(", ", attributes) + ")";
    }
    if (node.path("error").isString()) {
      return node.get("error").asString();
    }
    if (node.path("errors").isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : node.get("errors")) {
        String field = e.path("field").asString("");
        String text = e.path("message").asString(e.isString() ? e.asString() : "");
        parts.add(field.isEmpty() ? text : field + ": " + text);
      }
      String description = node.path("description").asString("");
      String joined = String.join("; ", parts);
      return description.isEmpty() ? joined : joined.isEmpty() ? description : description + ": " + joined;
    }
    return null;
  }

  @Override
  public String hint(int status, String message) {
    String m = message == null ? "" : message;
    return switch (status) {
      case 401 -> unauthorized(m);
      case 402 -> "the account has no agent licence left: remove an agent or buy more licences";
      case 403 -> platform ? "the Platform App may not do this" : "managing agents needs an administrator's access token as apiToken";
      case 404 -> platform
          ? "no such user or account on this installation: check accountId, then run 'roster plan' again"
          : "no such agent or account: check accountId, and run 'roster plan' again if the agent was removed meanwhile";
      case 422 -> "Chatwoot refused these values: see the attributes it names";
      case 500 -> "Chatwoot failed on this request; an invalid role or availability value ends like this";
      default -> null;
    };
  }

  private String unauthorized(String m) {
    if (m.contains(NOT_PERMISSIBLE)) {
      return "the Platform App behind platformToken does not own this: it owns only the users it created or claimed"
          + " through POST /platform/api/v1/users and the accounts it created (ask the super admin, or manage"
          + " this account without platformToken)";
    }
    if (m.contains("not authorized for bots")) {
      return "apiToken is an agent bot's token: use an administrator's access token (Profile settings > Access token)";
    }
    if (m.contains("not authorized to access this account")) {
      return "apiToken's user is not a member of this account: check accountId and apiToken";
    }
    if (m.contains("not authorized to do this action")) {
      return "apiToken belongs to an agent: managing agents needs an administrator's access token";
    }
    if (m.contains("suspended")) {
      return "the account is suspended: a super admin can reactivate it";
    }
    return platform
        ? "check platformToken: a Platform App token from Super Admin > Platform Apps (self-hosted installs only)"
        : "check apiToken: an administrator's access token from Profile settings > Access token";
  }
}
