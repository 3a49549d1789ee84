package dev.roster.providers.keepnet;

import dev.roster.spi.ErrorMessages;
import dev.roster.spi.Json;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Keepnet's error bodies: the ServiceResult envelope ({@code message}, {@code validationMessages}),
 * the quickstart shape ({@code messages}), the token endpoint's OAuth errors ({@code error},
 * {@code error_description}) and ASP.NET problem details ({@code title}, {@code errors}). Hints follow
 * the statuses Keepnet documents (quickstart and reseller use-case pages).
 */
final class KeepnetErrors implements ErrorMessages {

  @Override
  public String message(int status, String body) {
    JsonNode node = Json.readLeniently(body);
    // not JSON: null, and the decoder shows the body itself, clipped
    return node.isMissingNode() ? null : Envelope.message(node);
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
      case 400 -> "check the values sent (field limits, e-mail format, target group ids); with reseller credentials, check companyId";
      case 401 -> "Keepnet refused the access token: check clientId/clientSecret and the client's IP restriction";
      case 403 -> "the REST API client's role lacks permission for target users, or companyId is not a company these reseller credentials manage";
      case 404 -> "the target user or group no longer exists, or companyId is wrong";
      case 409 -> "a target user with this e-mail already exists";
      case 500 -> "a Keepnet server error; on /connect/token it means the request was not form-encoded";
      default -> status >= 500 ? "Keepnet is unavailable; try again later" : null;
    };
  }
}
