package io.mlopsagent.persistence;

import java.io.IOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server for tests ({@link TemporaryPostgres}, without fsync: a test's database
 * is worthless after the run), one per test JVM, stopped and deleted when the test plan ends. Each
 * test asks for a fresh database so tests never see each other's journal.
 *
 * <p>Use as {@code @ExtendWith(ThrowawayPostgres.Extension.class)} and take a {@code
 * ThrowawayPostgres} parameter.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private final TemporaryPostgres server;

  private ThrowawayPostgres(TemporaryPostgres server) {
    this.server = server;
  }

  /** The JDBC URL of a new, empty database on this server. */
  public String newDatabase() {
    return server.newDatabase();
  }

  public String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  public String user() {
    return server.user();
  }

  public int port() {
    return server.port();
  }

  /** Stops the server the hard way, as a crash would; used by outage tests. */
  public void stop() throws IOException, InterruptedException {
    server.stop();
  }

  @Override
  public void close() {
    server.close();
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
          .getOrComputeIfAbsent(ThrowawayPostgres.class,
              k -> new ThrowawayPostgres(TemporaryPostgres.start(TemporaryPostgres.Durability.NONE)),
              ThrowawayPostgres.class);
    }
  }
}
