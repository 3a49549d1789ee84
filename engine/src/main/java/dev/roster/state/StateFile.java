package dev.roster.state;

import dev.roster.http.Json;
import dev.roster.spi.AccountModel;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Roster last applied to an instance whose platform cannot be read: the engine diffs against
 * it instead of live state, and records each change here as soon as it succeeds, so a crash
 * mid-apply loses nothing already applied.
 *
 * <p>Format (version 1): {@code {"formatVersion":1,"instance":…,"provider":…,"accounts":{key:{"id":…,
 * "attributes":{…}}}}}. It never holds secrets: write-only and sensitive attributes are left out.
 */
public final class StateFile {
  public static final int FORMAT_VERSION = 1;

  private final Path path;
  private final String instance;
  private final String provider;
  private final AccountModel model;
  private final Map<String, LiveAccount> accounts = new TreeMap<>();
  private final boolean existed;

  private StateFile(Path path, String instance, String provider, AccountModel model, boolean existed) {
    this.path = path;
    this.instance = instance;
    this.provider = provider;
    this.model = model;
    this.existed = existed;
  }

  /** Reads the file, or starts empty when there is none yet. */
  public static StateFile open(Path path, String instance, String provider, AccountModel model) {
    if (!Files.exists(path)) {
      return new StateFile(path, instance, provider, model, false);
    }
    StateFile state = new StateFile(path, instance, provider, model, true);
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(Files.readAllBytes(path));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("state file " + path + " cannot be read: " + e.getMessage()
          + " (restore it from Git or CI's cache, or delete it and plan with --refresh-state)");
    }
    if (doc.path("formatVersion").asInt(0) != FORMAT_VERSION) {
      throw new IllegalStateException("state file " + path + " is not of format version " + FORMAT_VERSION);
    }
    if (!provider.equals(doc.path("provider").asString(provider))) {
      throw new IllegalStateException("state file " + path + " belongs to a " + doc.path("provider").asString()
          + " instance, not to '" + instance + "' (" + provider + ")");
    }
    JsonNode all = doc.path("accounts");
    for (String key : all.propertyNames()) {
      JsonNode a = all.get(key);
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes = Json.MAPPER.convertValue(a.path("attributes"), Map.class);
      state.accounts.put(key, new LiveAccount(a.path("id").asString(key), attributes));
    }
    return state;
  }

  public boolean existed() {
    return existed;
  }

  public Path path() {
    return path;
  }

  public synchronized List<LiveAccount> accounts() {
    return new ArrayList<>(accounts.values());
  }

  /** Records an applied create or update, and writes the file at once. */
  public synchronized void record(String key, String id, Map<String, Object> applied) {
    Map<String, Object> kept = new LinkedHashMap<>();
    applied.forEach((name, value) -> {
      var attribute = model.attribute(name);
      if (!attribute.writeOnly() && !attribute.sensitive() && !(value instanceof Secret)) {
        kept.put(name, value);
      }
    });
    accounts.put(key, new LiveAccount(id == null ? key : id, kept));
    write();
  }

  /** Records an applied delete, and writes the file at once. */
  public synchronized void forget(String key) {
    accounts.remove(key);
    write();
  }

  /** Write to a temporary file beside it, then rename: a reader never sees half a file. */
  private void write() {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("instance", instance);
    doc.put("provider", provider);
    doc.put("comment", "What Roster last applied to " + instance + ", which cannot be read back. "
        + "Keep it: commit it, or keep it in CI's cache. It holds no secrets.");
    ObjectNode all = doc.putObject("accounts");
    accounts.forEach((key, account) -> {
      ObjectNode a = all.putObject(key);
      a.put("id", account.id());
      a.set("attributes", Json.MAPPER.valueToTree(account.attributes()));
    });
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".roster-state", ".tmp");
      Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + path, e);
    }
  }
}
