package io.mlopsagent.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the journal schema up to date before anything else touches the database, and fails
 * loudly when it cannot: versioned migrations under {@code db/migration/<dialect>}, each applied
 * once and recorded, so starting twice (or on three nodes at once) is harmless.
 */
public final class SchemaMigration {

  private SchemaMigration() {}

  /** What the migration did, for the start-up log. */
  public record Outcome(String database, int applied, String version) {}

  /**
   * Checks the database answers, then migrates it.
   *
   * @throws DatabaseUnavailableException naming the database when it cannot be reached or migrated
   */
  public static Outcome migrate(DatabaseTarget target, Duration connectTimeout) {
    prepare(target);
    checkReachable(target, connectTimeout);
    try {
      MigrateResult result =
          Flyway.configure(SchemaMigration.class.getClassLoader())
              .dataSource(target.jdbcUrl(), target.user(), target.password())
              .locations("classpath:db/migration/" + target.migrationFolder())
              .connectRetries(0)
              .validateMigrationNaming(true)
              .load()
              .migrate();
      String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
      return new Outcome(target.describe(), result.migrationsExecuted, version);
    } catch (FlywayException e) {
      throw new DatabaseUnavailableException(
          "cannot migrate the journal schema of database " + target.describe() + ": " + firstLine(e), e);
    }
  }

  private static void prepare(DatabaseTarget target) {
    if (target instanceof DatabaseTarget.H2File h2) {
      Path dir = h2.dataDir();
      try {
        Files.createDirectories(dir);
      } catch (Exception e) {
        throw new DatabaseUnavailableException(
            "cannot create data directory '" + dir + "' for database " + target.describe() + ": " + e, e);
      }
      if (!Files.isWritable(dir)) {
        throw new DatabaseUnavailableException(
            "data directory '" + dir + "' is not writable (database " + target.describe() + ")", null);
      }
    }
  }

  private static void checkReachable(DatabaseTarget target, Duration timeout) {
    int seconds = (int) Math.max(1, timeout.toSeconds());
    try (Connection c = connect(target, target.jdbcUrl(), timeout)) {
      if (!c.isValid(seconds)) {
        throw new DatabaseUnavailableException(
            "database " + target.describe() + " did not answer within " + seconds + " s", null);
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "cannot reach database " + target.describe() + ": " + firstLine(e), e);
    }
  }

  /**
   * A connection to {@code url} (the target's, or its read-only variant) with the target's
   * credentials, giving up after {@code timeout}.
   */
  static Connection connect(DatabaseTarget target, String url, Duration timeout) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", target.user());
    props.setProperty("password", target.password());
    int seconds = (int) Math.max(1, timeout.toSeconds());
    // PostgreSQL honours these per connection; DriverManager's login timeout covers the rest.
    props.setProperty("connectTimeout", Integer.toString(seconds));
    props.setProperty("loginTimeout", Integer.toString(seconds));
    props.setProperty("socketTimeout", Integer.toString(Math.max(seconds, 30)));
    try {
      Class.forName(target.driverClass());
    } catch (ClassNotFoundException e) {
      throw new DatabaseUnavailableException("JDBC driver " + target.driverClass() + " is missing", e);
    }
    DriverManager.setLoginTimeout(seconds);
    return DriverManager.getConnection(url, props);
  }

  static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
