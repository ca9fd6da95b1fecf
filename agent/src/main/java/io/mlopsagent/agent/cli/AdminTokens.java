package io.mlopsagent.agent.cli;

import java.security.SecureRandom;
import java.util.Base64;

/** Admin tokens made up on the spot, for a demo that has none configured. */
final class AdminTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminTokens() {}

  /** 32 random bytes, URL-safe Base64: 43 characters, nothing to escape in a shell or a header. */
  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
