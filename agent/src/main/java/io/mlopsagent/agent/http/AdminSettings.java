package io.mlopsagent.agent.http;

import com.typesafe.config.Config;
import io.mlopsagent.agent.config.ConfigFiles;
import io.mlopsagent.agent.config.ConfigProblem;
import java.io.IOException;
import java.util.List;

/**
 * Who may change what through the admin API ({@code mlops.admin}).
 *
 * @param token the bearer token mutations need; empty when none is configured (then every
 *     mutation is refused)
 */
public record AdminSettings(
    String token,
    boolean readRequiresToken,
    int mutationsPerMinute,
    int mutationBurst,
    long maxBodyBytes,
    List<String> environments) {

  /** Below this length a token is too easy to guess to guard a production fleet. */
  static final int MIN_TOKEN_LENGTH = 16;

  public AdminSettings {
    environments = List.copyOf(environments);
  }

  @Override
  public String toString() {
    // A record's toString would print the token.
    return "AdminSettings[token=" + (token.isEmpty() ? "none" : "***") + ", readRequiresToken=" + readRequiresToken
        + ", mutationsPerMinute=" + mutationsPerMinute + ", environments=" + environments + "]";
  }

  public boolean hasToken() {
    return !token.isEmpty();
  }

  /** The same settings with {@code another} token (demo's generated one). */
  public AdminSettings withToken(String another) {
    return new AdminSettings(another, readRequiresToken, mutationsPerMinute, mutationBurst, maxBodyBytes, environments);
  }

  /** Reads {@code mlops.admin}; fails naming the key and the value. */
  public static AdminSettings fromConfig(Config admin) {
    String token = admin.getString("token").strip();
    String file = admin.getString("token-file").strip();
    // A token file that does not exist (an optional Secret not created yet) means no token:
    // the agent serves reads and refuses every change, rather than not starting at all.
    java.nio.file.Path path = file.isEmpty() ? null : ConfigFiles.path("mlops.admin.token-file", file);
    if (path != null && java.nio.file.Files.exists(path)) {
      try {
        token = ConfigFiles.readSmall(path);
      } catch (IOException e) {
        throw new ConfigProblem("configuration: mlops.admin.token-file = '" + file + "' cannot be read: "
            + e.getMessage());
      }
    }
    if (!token.isEmpty() && (token.length() < MIN_TOKEN_LENGTH || !token.matches("[\\x21-\\x7E]+"))) {
      // The value itself is never shown: it is a secret even when it is a bad one.
      throw new ConfigProblem("configuration: mlops.admin.token (or token-file) has " + token.length()
          + " characters: expected at least " + MIN_TOKEN_LENGTH + " printable ASCII characters without spaces");
    }
    int perMinute = admin.getInt("mutations-per-minute");
    int burst = admin.getInt("mutation-burst");
    long maxBody = admin.getBytes("max-body-bytes");
    if (perMinute < 1 || perMinute > 100_000) {
      throw new ConfigProblem("configuration: mlops.admin.mutations-per-minute = " + perMinute
          + ": expected 1 to 100000");
    }
    if (burst < 1 || burst > 10_000) {
      throw new ConfigProblem("configuration: mlops.admin.mutation-burst = " + burst + ": expected 1 to 10000");
    }
    if (maxBody < 1_024 || maxBody > 16L * 1024 * 1024) {
      throw new ConfigProblem("configuration: mlops.admin.max-body-bytes = " + maxBody + ": expected 1 KiB to 16 MiB");
    }
    List<String> environments = admin.getStringList("environments");
    for (String e : environments) {
      if (!e.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new ConfigProblem("configuration: mlops.admin.environments has '" + e
            + "': expected lowercase letters, digits and '-', at most 63");
      }
    }
    return new AdminSettings(token, admin.getBoolean("read-requires-token"), perMinute, burst, maxBody, environments);
  }
}
