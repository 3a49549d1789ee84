package dev.roster.manifest;

import dev.roster.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:PATH}} in a string. A credential that holds a
 * reference becomes a {@link Secret}, so that no output can print it; its reference (with an absolute
 * path for files) is what a saved plan records. Any other value becomes the plain resolved string.
 */
public final class References {
  static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
  /** A secret file larger than this is surely the wrong file. */
  private static final long MAX_SECRET_FILE = 64 * 1024;

  private final Map<String, String> env;

  public References(Map<String, String> env) {
    this.env = env;
  }

  public static boolean hasReference(String value) {
    return value.contains("${") && REFERENCE.matcher(value).find();
  }

  /**
   * The value with its references resolved: when it had any and {@code secret} says it is a
   * credential, a {@link Secret}; else the resolved string.
   *
   * @param baseDir where relative {@code ${file:…}} paths start (the manifest file's directory)
   * @throws IllegalArgumentException naming the missing variable or file
   */
  public Object resolve(String value, Path baseDir, boolean secret) {
    if (!value.contains("${")) {
      return value; // most values: no matcher needed
    }
    Matcher m = REFERENCE.matcher(value);
    if (!m.find()) {
      return value;
    }
    StringBuilder resolved = new StringBuilder();
    StringBuilder reference = new StringBuilder();
    int last = 0;
    do {
      resolved.append(value, last, m.start());
      reference.append(value, last, m.start());
      String kind = m.group(1);
      String arg = m.group(2).strip();
      if (kind.equals("env")) {
        String v = env.get(arg);
        if (v == null) {
          throw new IllegalArgumentException("environment variable " + arg + " is not set");
        }
        resolved.append(v);
        reference.append("${env:").append(arg).append('}');
      } else {
        Path file = baseDir.resolve(arg).toAbsolutePath().normalize();
        resolved.append(readSecretFile(file, arg));
        reference.append("${file:").append(file).append('}');
      }
      last = m.end();
    } while (m.find());
    resolved.append(value.substring(last));
    reference.append(value.substring(last));
    return secret ? new Secret(reference.toString(), resolved.toString()) : resolved.toString();
  }

  private static String readSecretFile(Path file, String written) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("secret file " + written + " does not exist (looked at " + file + ")");
      }
      if (Files.size(file) > MAX_SECRET_FILE) {
        throw new IllegalArgumentException("secret file " + written + " is larger than 64 KiB");
      }
      // files written by editors and `echo` end with a newline that is not part of the secret
      return Files.readString(file).replaceAll("[\r\n]+$", "");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read secret file " + written + ": " + e.getMessage());
    }
  }
}
