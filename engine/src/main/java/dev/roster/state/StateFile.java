package dev.roster.state;

import dev.roster.spi.Json;
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
 *
 * <p>During apply each change is appended, as one line, to a journal beside the file
 * ({@code FILE.journal}); {@link #compact()} folds the journal into the file (written to a temporary
 * file, then renamed) when the instance is done. Reading replays a journal left by a crash, and
 * ignores a torn last line. So recording a change costs one short append, not a rewrite of the
 * whole file.
 */
public final class StateFile {
  public static final int FORMAT_VERSION = 1;

  private final Path path;
  private final String instance;
  private final String provider;
  private final AccountModel model;
  private final Map<String, LiveAccount> accounts = new TreeMap<>();
  private final boolean existed;
  private java.io.OutputStream journalOut;

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
      StateFile fresh = new StateFile(path, instance, provider, model, Files.exists(fresh(path)));
      fresh.replayJournal();
      return fresh;
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
    state.replayJournal();
    return state;
  }

  private Path journal() {
    return path.resolveSibling(path.getFileName() + ".journal");
  }

  /** Changes recorded after the file was last written, by an apply that did not finish. */
  private void replayJournal() {
    Path journal = journal();
    if (!Files.exists(journal)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(journal)) {
        JsonNode entry;
        try {
          entry = Json.MAPPER.readTree(line);
        } catch (RuntimeException torn) {
          break; // the last line of a crash: that change was never recorded as done
        }
        String key = entry.path("key").asString();
        if (entry.path("op").asString().equals("forget")) {
          accounts.remove(key);
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> attributes = Json.MAPPER.convertValue(entry.path("attributes"), Map.class);
          accounts.put(key, new LiveAccount(entry.path("id").asString(key), attributes));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state journal " + journal, e);
    }
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
    LiveAccount account = new LiveAccount(id == null ? key : id, kept);
    accounts.put(key, account);
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("op", "record");
    entry.put("key", key);
    entry.put("id", account.id());
    entry.set("attributes", Json.MAPPER.valueToTree(kept));
    append(entry);
  }

  /** Records an applied delete, and writes it to the journal at once. */
  public synchronized void forget(String key) {
    accounts.remove(key);
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("op", "forget");
    entry.put("key", key);
    append(entry);
  }

  /** One line, one write: the line reaches the file whole before the next change is recorded. */
  private void append(ObjectNode entry) {
    try {
      if (journalOut == null) {
        Files.createDirectories(path.toAbsolutePath().getParent());
        journalOut = Files.newOutputStream(journal(), java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.WRITE);
      }
      journalOut.write((Json.MAPPER.writeValueAsString(entry) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      journalOut.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state journal " + journal(), e);
    }
  }

  private static Path fresh(Path path) {
    return path.resolveSibling(path.getFileName() + ".journal");
  }

  /** Folds the journal into the file and removes it. Call when an instance's apply is done. */
  public synchronized void compact() {
    if (!Files.exists(journal())) {
      return;
    }
    write();
    try {
      if (journalOut != null) {
        journalOut.close();
        journalOut = null;
      }
      Files.deleteIfExists(journal());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove state journal " + journal(), e);
    }
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
