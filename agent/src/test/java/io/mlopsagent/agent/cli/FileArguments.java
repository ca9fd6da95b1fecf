package io.mlopsagent.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What hostile path arguments point at, laid out in a scratch directory: one good file or
 * directory of each kind the commands take, and the bad things a path can name (nothing, a
 * directory, a fake shadow file, /dev/zero, a named pipe, a symlink loop), plus a sibling
 * directory outside the scratch one that {@code ../} may reach.
 */
final class FileArguments {
  /** What a path value stands for; each kind says how {@link #value} builds it. */
  enum Kind {
    GOOD, INSIDE_VIA_DOTS, MISSING, DIRECTORY, PLAIN_FILE, NUL, LONG_NAME, LONG_PATH, UP_TO_ETC, SHADOW_LIKE,
    DEV_ZERO, FIFO, LOOP, EMPTY, SIBLING
  }

  /** What an option expects: a file read, a directory read, or a directory written (created if missing). */
  enum Expects { FILE, INPUT_DIR, OUTPUT_DIR }

  final Path root;
  final Path sibling;

  FileArguments() throws IOException {
    root = Files.createTempDirectory("prop-file-args").toRealPath();
    sibling = Files.createTempDirectory("prop-file-args-sibling").toRealPath();
    Files.copy(Path.of("..", "conf", "policies.conf"), root.resolve("policies.conf"));
    Files.copy(Path.of("..", "simulation", "scenarios", "calm.conf"), root.resolve("scenario.conf"));
    Files.writeString(root.resolve("agent.conf"), "mlops.demo.models = 3\n");
    Files.writeString(root.resolve("token"), "prop-token-0123456789abcdef\n");
    Files.createDirectory(root.resolve("dir"));
    nabCorpus(root.resolve("nab"), root.resolve("labels.json"));
    // What /etc/shadow holds, without reading the real one: unreadable for anyone but root.
    Path shadow = Files.writeString(root.resolve("shadow"), "root:$6$fake$hash:19000:0:99999:7:::\n");
    Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("---------"));
    Files.createSymbolicLink(root.resolve("loop"), root.resolve("loop"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).inheritIO().start();
    try {
      if (mkfifo.waitFor() != 0) {
        throw new IOException("mkfifo failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * The value of {@code kind} for an option expecting {@code expects}, whose good value is {@code
   * good} (a name under {@link #root}); {@code salt} keeps new directories apart between tries.
   */
  String value(Kind kind, Expects expects, String good, int salt) {
    String r = root.toString();
    return switch (kind) {
      case GOOD -> expects == Expects.OUTPUT_DIR ? r + "/" + good + "-" + salt : r + "/" + good;
      case INSIDE_VIA_DOTS -> r + "/dir/./../dir/../" + good + (expects == Expects.OUTPUT_DIR ? "-" + salt : "");
      case MISSING -> r + "/missing-" + salt + "/deeper/" + good;
      case DIRECTORY -> r + "/dir";
      case PLAIN_FILE -> r + "/policies.conf";
      case NUL -> r + "/a\u0000" + salt;
      case LONG_NAME -> r + "/" + "n".repeat(256 + salt % 50);
      case LONG_PATH -> r + "/abcdefghij".repeat(420 + salt % 10);
      case UP_TO_ETC -> r + "/..".repeat(30) + "/etc";
      case SHADOW_LIKE -> r + "/shadow";
      case DEV_ZERO -> "/dev/zero";
      case FIFO -> r + "/fifo";
      case LOOP -> r + "/loop";
      case EMPTY -> "";
      case SIBLING -> r + "/../" + sibling.getFileName() + "/" + good + "-" + salt;
    };
  }

  /** Every path under the scratch and sibling directories: what a run may have added. */
  Set<Path> snapshot() throws IOException {
    Set<Path> all = new TreeSet<>();
    for (Path top : List.of(root, sibling)) {
      try (Stream<Path> paths = Files.walk(top)) {
        paths.forEach(all::add);
      }
    }
    return all;
  }

  /** The entries of the working directory (the module): no run may add one. */
  static Set<String> workingDirectory() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(""))) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Removes what a run added, deepest first, so that every try starts from the same fixtures. */
  static void remove(Set<Path> added) throws IOException {
    for (Path p : added.stream().sorted(Comparator.reverseOrder()).toList()) {
      Files.deleteIfExists(p);
    }
  }

  void delete() throws IOException {
    for (Path top : List.of(root, sibling)) {
      try (Stream<Path> paths = Files.walk(top)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Two NAB series (one with a spike) and their windows, as NabCommandTest lays them out. */
  private static void nabCorpus(Path data, Path labels) throws IOException {
    DateTimeFormatter ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
    Random random = new Random(1);
    for (String file : List.of("catA/spiky.csv", "catB/quiet.csv")) {
      StringBuilder csv = new StringBuilder("timestamp,value\n");
      for (int i = 0; i < 300; i++) {
        double v = 10 + random.nextGaussian() + (file.startsWith("catA") && i == 200 ? 20 : 0);
        csv.append(start.plusMinutes(5L * i).format(ts)).append(',').append(String.format(Locale.ROOT, "%.3f", v))
            .append('\n');
      }
      Path path = data.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, csv, StandardCharsets.UTF_8);
    }
    Files.writeString(labels, "{\"catA/spiky.csv\": [[\"" + start.plusMinutes(1000).format(ts) + ".000000\", \""
        + start.plusMinutes(1045).format(ts) + ".000000\"]], \"catB/quiet.csv\": []}");
  }
}
