package io.mlopsagent.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Files and directories named by configuration keys. A value no path can have (a NUL character)
 * is a {@link ConfigProblem} naming the key, not an InvalidPathException from deep inside; a file
 * holding a secret is read only when it is a plain file of a sane size, so that {@code /dev/zero}
 * or a named pipe given by mistake is refused instead of read until memory runs out, or for ever.
 */
public final class ConfigFiles {
  /** Tokens, passwords and HMAC secrets are a few dozen bytes; more than this is not one. */
  public static final long MAX_SECRET_BYTES = 64 * 1024;

  private ConfigFiles() {}

  /**
   * The path {@code value} names.
   *
   * @param key the full key, as the message shows it, e.g. {@code mlops.data-dir}
   * @throws ConfigProblem naming the key and the value when it cannot be a path
   */
  public static Path path(String key, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigProblem("configuration: " + key + " = '" + shown(value) + "' is invalid: expected a file name ("
          + e.getReason() + ")");
    }
  }

  /**
   * The text of a small plain file, stripped: a token, a password, a secret.
   *
   * @throws IOException when {@code file} is not a readable plain file of at most {@link
   *     #MAX_SECRET_BYTES}, or cannot be read; the message says which
   */
  public static String readSmall(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("'" + file + "' is not a plain file" + (Files.exists(file) ? "" : " (it does not exist)"));
    }
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the limit rather than trusting the size the file system reports.
      byte[] bytes = in.readNBytes((int) MAX_SECRET_BYTES + 1);
      if (bytes.length > MAX_SECRET_BYTES) {
        throw new IOException("'" + file + "' is larger than " + MAX_SECRET_BYTES + " bytes: not a secret");
      }
      return new String(bytes, StandardCharsets.UTF_8).strip();
    }
  }

  /** A value as a message may show it: control characters visible, at most 200 characters. */
  static String shown(String value) {
    StringBuilder s = new StringBuilder();
    value.codePoints().limit(200).forEach(c -> {
      if (Character.isISOControl(c)) {
        s.append(String.format("\\u%04x", c));
      } else {
        s.appendCodePoint(c);
      }
    });
    return value.codePointCount(0, value.length()) > 200 ? s + "..." : s.toString();
  }
}
