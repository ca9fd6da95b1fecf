package io.mlopsagent.actors.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The policies file the project ships, read from the repository (surefire runs in actors/). */
final class ShippedPolicies {
  static final Path FILE = Path.of("..", "conf", "policies.conf");

  private ShippedPolicies() {}

  static String text() {
    try {
      return Files.readString(FILE, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped file with more HOCON after it: later keys win, so this changes single values. */
  static PolicyBook with(String hocon) {
    return PolicyLoader.parse(text() + "\n" + hocon);
  }
}
