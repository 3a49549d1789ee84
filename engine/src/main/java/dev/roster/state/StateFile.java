package dev.roster.state;

import dev.roster.ReadFailure;
import dev.roster.spi.Json;
import dev.roster.spi.AccountModel;
import dev.roster.spi.LiveAccount;
import dev.roster.spi.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Roster last applied to an instance whose platform cannot be read: the engine diffs against
 * it instead of live state. It holds no secrets, and names the instance and url it describes: a file
 * for another one is refused, since planning on it would call accounts "unchanged" that the platform
 * has never seen.
 *
 * <p>Each applied change is appended at once, as one line, to a journal beside the file
 * ({@code FILE.journal}), so a crash loses nothing applied and recording costs no rewrite;
 * {@link #compact()} folds it into the file. Reading replays a journal, ignoring a torn last line.
 */
public final class StateFile {
  public static final int FORMAT_VERSION = 1;

  private final Path path;
  /** The path as the manifest writes it, for messages. */
  private final String shown;
  private final String instance;
  private final String provider;
  private final String url;
  private final AccountModel model;
  private final Map<String, LiveAccount> accounts = new TreeMap<>();
  private final boolean existed;
  private java.io.OutputStream journalOut;

  private StateFile(Path path, String shown, String instance, String provider, String url, AccountModel model,
      boolean existed) {
    this.path = path;
    this.shown = shown;
    this.instance = instance;
    this.provider = provider;
    this.url = url;
    this.model = model;
    this.existed = existed;
  }

  /**
   * Reads the file, or starts empty when there is none yet.
   *
   * @param shown the path as the manifest writes it, for messages
   * @param url the endpoint the instance names now (null for the platform's default)
   * @param ignoreContents start empty whatever the file holds ({@code --refresh-state}): every declared
   *     value is sent again, and the file is written anew for this instance and url
   * @throws ReadFailure when the file cannot be read, or describes another instance or url
   */
  public static StateFile open(Path path, String shown, String instance, String provider, String url,
      AccountModel model, boolean ignoreContents) {
    if (ignoreContents || !Files.exists(path)) {
      StateFile fresh = new StateFile(path, shown, instance, provider, url, model, Files.exists(path) || Files.exists(journal(path)));
      if (!ignoreContents) {
        fresh.replayJournal();
      }
      return fresh;
    }
    StateFile state = new StateFile(path, shown, instance, provider, url, model, true);
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(Files.readAllBytes(path));
    } catch (IOException | RuntimeException e) {
      throw new ReadFailure("state file " + shown + " cannot be read: " + e.getMessage()
          + " (restore it from Git, or delete it and plan with --refresh-state)");
    }
    if (doc.path("formatVersion").asInt(0) != FORMAT_VERSION) {
      throw new ReadFailure("state file " + shown + " is not of format version " + FORMAT_VERSION);
    }
    if (!provider.equals(doc.path("provider").asString(provider))) {
      throw new ReadFailure("state file " + shown + " belongs to a " + doc.path("provider").asString()
          + " instance, not to '" + instance + "' (" + provider + ")");
    }
    String recordedInstance = doc.path("instance").asString(instance);
    if (!recordedInstance.equals(instance)) {
      throw new ReadFailure("state file " + shown + " records instance '" + recordedInstance + "', not '"
          + instance + "': give each instance a state file of its own, or run with --refresh-state to send "
          + "every declared value to '" + instance + "' and start the file anew");
    }
    // files written before the url was recorded name none: they are taken as this url's, and name it when next written
    String recordedUrl = doc.path("url").isString() ? doc.path("url").asString() : url;
    if (!java.util.Objects.equals(recordedUrl, url)) {
      throw new ReadFailure("state file " + shown + " records what was applied at " + describe(recordedUrl)
          + ", but '" + instance + "' now points at " + describe(url) + ": nothing there is known. Run with "
          + "--refresh-state to send every declared value there and start the file anew");
    }
    JsonNode all = doc.path("accounts");
    for (String key : all.propertyNames()) {
      state.accounts.put(key, account(key, all.get(key)));
    }
    state.replayJournal();
    return state;
  }

  /** An account as the file and the journal write it: {@code {"id":…,"attributes":{…}}}. */
  @SuppressWarnings("unchecked")
  private static LiveAccount account(String key, JsonNode node) {
    return new LiveAccount(node.path("id").asString(key), Json.MAPPER.convertValue(node.path("attributes"), Map.class));
  }

  private static Path journal(Path path) {
    return path.resolveSibling(path.getFileName() + ".journal");
  }

  private static String describe(String url) {
    return url == null ? "the platform's default url" : url;
  }

  /**
   * Fails now, before anything is sent, if this file cannot be written: the journal is opened, and a
   * file made and removed in its directory (where the file is renamed into place).
   */
  public synchronized void checkWritable() {
    try {
      openJournal();
      Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".roster-state", ".tmp");
      Files.delete(tmp);
      if (Files.exists(path) && !Files.isWritable(path)) {
        throw new IOException("the file is read-only");
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      throw new ReadFailure("state file " + shown + " cannot be written (its directory cannot be made or "
          + "written, or the file is read-only): nothing was sent; make the file and its directory writable");
    }
  }


  /** Changes recorded after the file was last written, by an apply that did not finish. */
  private void replayJournal() {
    Path journal = journal(path);
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
          accounts.put(key, account(key, entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state journal " + journal, e);
    }
  }

  public boolean existed() {
    return existed;
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
      openJournal();
      journalOut.write((Json.MAPPER.writeValueAsString(entry) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      journalOut.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state journal " + journal(path), e);
    }
  }

  private void openJournal() throws IOException {
    if (journalOut == null) {
      Files.createDirectories(path.toAbsolutePath().getParent());
      journalOut = Files.newOutputStream(journal(path), java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.WRITE);
    }
  }

  /**
   * Folds the journal into the file and removes it: when an instance's apply is done, and at the
   * next apply after one that did not finish, even when it has nothing to do.
   */
  public synchronized void compact() {
    if (!Files.exists(journal(path))) {
      return;
    }
    write();
    try {
      if (journalOut != null) {
        journalOut.close();
        journalOut = null;
      }
      Files.deleteIfExists(journal(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove state journal " + journal(path), e);
    }
  }

  /** Write to a temporary file beside it, then rename: a reader never sees half a file. */
  private void write() {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("instance", instance);
    doc.put("provider", provider);
    doc.put("url", url);
    doc.put("comment", "What Roster last applied to " + instance + ", which cannot be read back. "
        + "Keep it: commit it, or keep it in CI's cache. It holds no secrets.");
    ObjectNode all = doc.putObject("accounts");
    accounts.forEach((key, account) -> {
      ObjectNode a = all.putObject(key);
      a.put("id", account.id());
      a.set("attributes", Json.MAPPER.valueToTree(account.attributes()));
    });
    try {
      AtomicWrite.replace(path, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + shown, e);
    }
  }
}
