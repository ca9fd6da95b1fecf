package io.mlopsagent.agent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for a benchmark's journal, deleted with everything in it on close, or when
 * the JVM exits first (Ctrl-C).
 */
final class ScratchDirectory implements AutoCloseable {
  private final Path path;
  private final Thread deleteOnExit;

  ScratchDirectory(String prefix) {
    try {
      this.path = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    this.deleteOnExit = new Thread(this::delete, "bench-scratch-cleanup");
    Runtime.getRuntime().addShutdownHook(deleteOnExit);
  }

  Path path() {
    return path;
  }

  /** Bytes in the directory now (the journal's size on disk). */
  long sizeBytes() {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(deleteOnExit);
    } catch (IllegalStateException e) {
      return; // the JVM is exiting: the hook deletes it
    }
    delete();
  }

  private void delete() {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + path + ": " + e.getMessage());
    }
  }
}
