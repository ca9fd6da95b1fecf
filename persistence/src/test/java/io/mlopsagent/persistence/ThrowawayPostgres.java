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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server for tests: initdb into a temp directory, started on a free loopback
 * port, one per test JVM, stopped and deleted when the test plan ends. Each test asks for a fresh
 * database so tests never see each other's journal. Uses the server binaries of the machine
 * ({@code /usr/lib/postgresql/<version>/bin}); {@code scripts/test.sh} installs them if missing.
 *
 * <p>Use as {@code @ExtendWith(ThrowawayPostgres.Extension.class)} and take a {@code
 * ThrowawayPostgres} parameter.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private static final String SUPERUSER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path binDir;
  private final Path root;
  private final Path dataDir;
  private final int port;
  private final boolean asRoot;

  private ThrowawayPostgres(Path binDir) throws IOException, InterruptedException {
    this.binDir = binDir;
    this.asRoot = "root".equals(System.getProperty("user.name"));
    this.root = Files.createTempDirectory("mlops-pg-");
    this.dataDir = root.resolve("data");
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
    run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
        "-l", root.resolve("server.log").toString(),
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + socketDir
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        "start"));
  }

  /** The JDBC URL of a new, empty database on this server. */
  public String newDatabase() {
    String name = "mlops_test_" + DATABASES.incrementAndGet();
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

  @Override
  public void close() throws IOException {
    try {
      if (Files.exists(dataDir.resolve("postmaster.pid"))) {
        stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
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
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Path findBinaries() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(base)) {
      List<Path> versions = new ArrayList<>();
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base)) {
        dirs.forEach(versions::add);
      }
      versions.sort(Comparator.comparing(p -> -parseVersion(p.getFileName().toString())));
      for (Path v : versions) {
        if (Files.isExecutable(v.resolve("bin/pg_ctl"))) {
          return v.resolve("bin");
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL server binaries not found under /usr/lib/postgresql: run scripts/test.sh, which"
            + " installs them (apt-get install postgresql), or install them yourself");
  }

  private static int parseVersion(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Injects the per-JVM server, starting it on first use. */
  public static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == ThrowawayPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(ThrowawayPostgres.class, k -> {
            try {
              return new ThrowawayPostgres(findBinaries());
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException("cannot start a throwaway PostgreSQL", e);
            }
          }, ThrowawayPostgres.class);
    }
  }
}
