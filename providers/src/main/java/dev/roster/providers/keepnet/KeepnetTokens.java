package dev.roster.providers.keepnet;

import dev.roster.spi.PlatformException;
import dev.roster.spi.Secret;
import feign.RequestInterceptor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The instance's OAuth2 access token (client credentials, scope {@code api1}). Cached for its
 * lifetime minus a margin and shared by every request; fetched once even when many requests need it
 * at the same moment (the first fetches, the others wait for its result); fetched again when Keepnet
 * refuses it, once per refused token however many requests saw the refusal.
 */
final class KeepnetTokens {
  private static final String SCOPE = "api1";
  /** Renew this long before the token expires (at most a tenth of its lifetime). */
  private static final long MARGIN_SECONDS = 60;

  private record Token(String value, Instant renewAt) {}

  private final KeepnetApi.Token api;
  private final Clock clock;
  private Token current; // guarded by this

  /** @param api a client whose requests carry {@link #formBody} */
  KeepnetTokens(KeepnetApi.Token api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /**
   * Sets the token request's body: {@code grant_type=client_credentials&client_id=…&client_secret=…&scope=api1},
   * values form-encoded.
   */
  static RequestInterceptor formBody(String clientId, Secret clientSecret) {
    return template -> {
      String form = "grant_type=client_credentials"
          + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
          + "&client_secret=" + URLEncoder.encode(clientSecret.reveal(), StandardCharsets.UTF_8)
          + "&scope=" + SCOPE;
      template.body(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    };
  }

  /** A valid token: the cached one, or a new one when there is none or it is about to expire. */
  synchronized String token() {
    if (current == null || !clock.instant().isBefore(current.renewAt())) {
      current = fetch();
    }
    return current.value();
  }

  /** Keepnet refused {@code rejected}: drops it and fetches a new one, unless another request already did. */
  synchronized void renew(String rejected) {
    if (current == null || current.value().equals(rejected)) {
      current = fetch();
    }
  }

  private Token fetch() {
    JsonNode answer = api.token();
    String value = answer == null ? null : answer.path("access_token").asString(null);
    if (value == null || value.isBlank()) {
      String why = KeepnetAnswers.message(answer);
      throw new PlatformException(200, "POST /connect/token",
          why != null ? why : "the token answer carries no access_token",
          "check url: it must be the Keepnet API base (e.g. https://api.keepnetlabs.com)");
    }
    long lifetime = answer.path("expires_in").canConvertToLong() ? answer.path("expires_in").asLong() : 3600;
    long margin = Math.min(MARGIN_SECONDS, lifetime / 10);
    return new Token(value, clock.instant().plusSeconds(Math.max(0, lifetime - margin)));
  }
}
