package dev.roster.apply;

import dev.roster.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * What one apply holds on the machine it runs on, so that a second apply of the same files, or one
 * that writes the same state file, refuses instead of creating the same people twice. Each locked
 * path has a lock file in the system's temporary directory (nothing is left in the user's
 * repository) naming its owner: host, process and start time. The operating system's own file lock
 * is what is held, and it dies with the process: a lock file that still names an owner but is not
 * held was left by a process that died, and is taken over with a warning.
 */
public final class RunLock implements AutoCloseable {
  private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "roster-locks");

  /** The locks held, each on its lock file's channel. */
  private final List<FileLock> held;

  private RunLock(List<FileLock> held) {
    this.held = held;
  }

  /** Another run holds a lock this one needs. */
  public static final class Taken extends RuntimeException {
    Taken(String message) {
      super(message);
    }
  }

  /**
   * Locks every path, or none.
   *
   * @param what what the lock is for, named in the lock file: "apply of roster.yaml", say
   * @param warn told when a lock left by a dead process is taken over
   * @throws Taken naming the owner, when another run holds one of them
   */
  public static RunLock acquire(List<Path> paths, String what, Consumer<String> warn) {
    List<FileLock> held = new ArrayList<>();
    try {
      Files.createDirectories(DIR);
      for (Path path : paths.stream().map(p -> p.toAbsolutePath().normalize()).distinct().sorted().toList()) {
        held.add(lock(path, what, warn));
      }
      return new RunLock(held);
    } catch (IOException | RuntimeException e) {
      new RunLock(held).close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot lock " + what + " in " + DIR, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static FileLock lock(Path path, String what, Consumer<String> warn) throws IOException {
    Path file = DIR.resolve(digest(path.toString()) + ".lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      lock = null;
    }
    String owner = read(channel);
    if (lock == null) {
      channel.close();
      throw new Taken("another apply is running on " + path + (owner.isEmpty() ? "" : " (" + owner + ")")
          + ": it was refused, nothing was sent. Wait for it to finish; CI jobs should share one concurrency group.");
    }
    if (!owner.isEmpty()) {
      warn.accept("warning: took over the lock on " + path + " left by a run that did not finish (" + owner + ")");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(java.util.Map.of("host", host(),
        "pid", ProcessHandle.current().pid(), "started", Instant.now().toString(), "what", what, "path", path.toString()))));
    channel.force(true);
    return lock;
  }

  /** The owner a lock file names, in words; empty when it names none. */
  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return "";
    }
    try {
      JsonNode owner = Json.MAPPER.readTree(text);
      return owner.path("what").asString("an apply") + " by process " + owner.path("pid").asString("?") + " on "
          + owner.path("host").asString("?") + ", started " + owner.path("started").asString("?");
    } catch (RuntimeException unreadable) {
      return "an unreadable lock file";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this machine";
    }
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Releases every lock, its file emptied: an empty lock file is a clean end. (The file stays: removed,
   * a run opening it at that moment could lock a file that a third run no longer sees.)
   */
  @Override
  public void close() {
    for (FileLock lock : held) {
      try {
        lock.channel().truncate(0);
        lock.release();
        lock.channel().close();
      } catch (IOException e) {
        // the process ends soon and the system releases the lock with it
      }
    }
  }
}
