package io.mlopsagent.persistence;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of its own: initdb into a temp directory, started on a free loopback
 * port, stopped and deleted on {@link #close()} (or when the JVM exits, should nobody close it).
 * Uses the server binaries of the machine ({@code /usr/lib/postgresql/<version>/bin});
 * {@code scripts/install-test-deps.sh} installs them. The tests' throwaway databases and
 * {@code mlops-agent bench journal} both run on it.
 */
public final class TemporaryPostgres implements AutoCloseable {
  private static final String SUPERUSER = "postgres";
  private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");

  /** How much the server may lose in a crash, in exchange for speed. */
  public enum Durability {
    /** PostgreSQL's defaults: a commit is on disk when it returns. What figures must be measured on. */
    DURABLE(""),
    /** No fsync at all: for tests, whose databases are worthless after the run. */
    NONE(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");

    private final String serverOptions;

    Durability(String serverOptions) {
      this.serverOptions = serverOptions;
    }
  }

  private final AtomicInteger databases = new AtomicInteger();
  private final Path binDir;
  private final Path root;
  private final Path dataDir;
  private final int port;
  private final boolean asRoot;
  private final Thread stopOnExit;
  private final List<String> startCommand;

  private TemporaryPostgres(Path binDir, Durability durability) throws IOException, InterruptedException {
    this.binDir = binDir;
    this.asRoot = "root".equals(System.getProperty("user.name"));
    this.root = Files.createTempDirectory("mlops-pg-");
    this.dataDir = root.resolve("data");
    // Registered before anything starts, so a failure half-way still cleans up.
    this.stopOnExit = new Thread(this::stopAndDelete, "temporary-postgres-cleanup");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    Path socketDir = root.resolve("sock");
    Files.createDirectories(socketDir);
    if (asRoot) {
      // initdb refuses to run as root: hand the directory to the postgres user.
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    this.port = freePort();
    run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
        "--auth=trust", "-E", "UTF8", "--no-sync"));
    this.startCommand = List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
        "-l", root.resolve("server.log").toString(),
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + socketDir + durability.serverOptions,
        "start");
    run(startCommand);
  }

  /**
   * Starts a server; returns once it accepts connections.
   *
   * @throws IllegalStateException when the binaries are missing (the message says how to install
   *     them) or the server does not start
   */
  public static TemporaryPostgres start(Durability durability) {
    Path bin = findBinaries();
    try {
      return new TemporaryPostgres(bin, durability);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a temporary PostgreSQL from " + bin + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a temporary PostgreSQL", e);
    }
  }

  /** The JDBC URL of a new, empty database on this server. */
  public String newDatabase() {
    String name = "mlops_" + databases.incrementAndGet();
    try {
      run(List.of(binDir.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
          Integer.toString(port), "-U", SUPERUSER, name));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("createdb " + name + " failed", e);
    }
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The superuser, which needs no password on this server. */
  public String user() {
    return SUPERUSER;
  }

  public int port() {
    return port;
  }

  /** Stops the server the hard way, as a crash would; used by outage tests. */
  public void stop() throws IOException, InterruptedException {
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate",
        "-w", "stop"));
  }

  /**
   * Stops the server with a fast shutdown: sessions are ended and their open transactions rolled
   * back, then it checkpoints and exits, as an administrator's restart does. Used by outage tests.
   */
  public void stopFast() throws IOException, InterruptedException {
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
  }

  /** Starts the stopped server again, on the same port and data directory; returns once it accepts connections. */
  public void restart() throws IOException, InterruptedException {
    run(startCommand);
  }

  /** Stops the server (if it runs) and deletes its files. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is exiting: the hook does the same work.
      return;
    }
    stopAndDelete();
  }

  private synchronized void stopAndDelete() {
    try {
      if (Files.exists(dataDir.resolve("postmaster.pid"))) {
        stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | IllegalStateException e) {
      System.err.println("temporary PostgreSQL in " + root + " did not stop cleanly: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + root + ": " + e.getMessage());
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip().replace('\n', ' '));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * The newest installed server's {@code bin} directory.
   *
   * @throws IllegalStateException naming the install script when there is none
   */
  public static Path findBinaries() {
    List<Path> versions = new ArrayList<>();
    if (Files.isDirectory(INSTALL_ROOT)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(INSTALL_ROOT)) {
        dirs.forEach(versions::add);
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + INSTALL_ROOT + ": " + e.getMessage(), e);
      }
    }
    versions.sort(Comparator.comparing(p -> -parseVersion(p.getFileName().toString())));
    for (Path v : versions) {
      if (Files.isExecutable(v.resolve("bin/pg_ctl"))) {
        return v.resolve("bin");
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries not found under " + INSTALL_ROOT
        + ": install them with scripts/install-test-deps.sh (or apt-get install postgresql)");
  }

  private static int parseVersion(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
