package dev.roster.providers.keitaro;

import dev.roster.providers.ListAnswers;
import dev.roster.spi.Action;
import dev.roster.spi.Change;
import dev.roster.spi.Declared;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Provider;
import dev.roster.spi.Secret;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Keitaro users: one list read, and per change the fewest requests that make it. */
final class KeitaroProvider implements Provider {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%^*-_=+";

  private static final ListAnswers LISTS = new ListAnswers("check url: the tracker's address, without /admin_api/v1");

  private final KeitaroApi api;

  KeitaroProvider(KeitaroApi api) {
    this.api = api;
  }

  /**
   * Every user but the deleted ones, which linger in the list. An answer without the documented shape
   * fails the read: a plan that read fewer users than there are would delete the others.
   */
  @Override
  public List<LiveAccount> list(Declared declared) {
    return LISTS.entries(api.users(), "GET /admin_api/v1/users", "user", "id", "login",
        user -> "deleted".equals(user.path("state").asString(""))).stream()
        .map(KeitaroProvider::toAccount).toList();
  }

  private static LiveAccount toAccount(Map<String, Object> user) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("login", user.get("login"));
    attributes.put("type", user.get("type"));
    if (user.get("preferences") instanceof Map<?, ?> prefs && !prefs.isEmpty()) {
      attributes.put("preferences", prefs);
    }
    if (user.get("access_data") instanceof Map<?, ?> data) {
      attributes.put("access", AccessRights.fromApi(data));
    }
    return new LiveAccount(String.valueOf(user.get("id")), attributes);
  }

  @Override
  public void apply(Change change) {
    switch (change.action()) {
      case CREATE -> create(change);
      case UPDATE -> update(change);
      case DELETE -> api.delete(id(change.liveId()));
    }
  }

  private void create(Change change) {
    String password = change.desired().get("password") instanceof Secret s ? s.reveal() : generatedPassword();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("login", change.key());
    body.put("new_password", password);
    body.put("new_password_confirmation", password);
    body.put("type", Objects.requireNonNullElse(change.desired().get("type"), "USER"));
    if (change.desired().get("preferences") != null) {
      body.put("preferences", change.desired().get("preferences"));
    }
    Map<String, Object> created = api.create(body);
    // access rights are a separate call, not part of create
    if (change.desired().get("access") instanceof Map<?, ?> access) {
      api.access(id(String.valueOf(created.get("id"))), Map.of("access_data", AccessRights.toApi(access)));
    }
  }

  private void update(Change change) {
    long id = id(change.liveId());
    Map<String, Object> body = new LinkedHashMap<>();
    // a login change is a rename (previously): the same user, its id and history kept
    for (String field : List.of("login", "type")) {
      if (change.changes(field)) {
        body.put(field, change.desired().get(field));
      }
    }
    if (change.changes("preferences")) {
      // keep the preferences the files do not manage
      body.put("preferences", merged(change.live().get("preferences"), change.desired().get("preferences")));
    }
    if (!body.isEmpty()) {
      api.update(id, body);
    }
    if (change.changes("access")) {
      Map<String, Object> access = merged(change.live().get("access"), change.desired().get("access"));
      api.access(id, Map.of("access_data", AccessRights.toApi(access)));
    }
  }

  @Override
  public List<String> notes(Change change) {
    if (change.action() == Action.CREATE && !(change.desired().get("password") instanceof Secret)) {
      return List.of("no password declared: a random one is set and not kept; the person resets it in Keitaro");
    }
    if (change.action() == Action.DELETE) {
      return List.of("Keitaro cannot undo a user deletion");
    }
    return List.of();
  }

  private static Map<String, Object> merged(Object live, Object desired) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (live instanceof Map<?, ?> l) {
      l.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    if (desired instanceof Map<?, ?> d) {
      d.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }

  /** Ids come from the tracker's own list: anything but a number there is refused, never sent. */
  private static long id(String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      throw new IllegalStateException("Keitaro user id '" + id + "' is not a number; refusing to build a URL from it");
    }
    return Long.parseLong(id);
  }

  private static String generatedPassword() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      s.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
    }
    return s.toString();
  }
}
