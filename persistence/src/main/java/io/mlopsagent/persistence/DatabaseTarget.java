package io.mlopsagent.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the journal lives: an embedded H2 file (the default, one machine) or a PostgreSQL server
 * (shared by a cluster). Built at the edge from CLI flags, environment and config, then trusted.
 */
public sealed interface DatabaseTarget {

  /** The JDBC URL the journal connects to. */
  String jdbcUrl();

  /** User name, empty for none. */
  String user();

  /** Password, empty for none. Never printed: see {@link #describe()}. */
  String password();

  /** The Slick profile pekko-persistence-jdbc needs for this dialect. */
  String slickProfile();

  /** The JDBC driver class. */
  String driverClass();

  /** The folder of this dialect's migrations, under {@code db/migration/}. */
  String migrationFolder();

  /**
   * The JDBC URL of a reader that must leave the database as it is ({@code replay}): the journal
   * URL, which a read-only connection makes safe, unless the dialect needs more.
   */
  default String readOnlyJdbcUrl() {
    return jdbcUrl();
  }

  /** How to name this database to an operator: the URL without credentials, and the user. */
  default String describe() {
    String url = RedactedUrl.of(jdbcUrl());
    return user().isEmpty() ? url : url + " as user '" + user() + "'";
  }

  /** An H2 database in a file under {@code dataDir} (created if missing). */
  record H2File(Path dataDir) implements DatabaseTarget {
    public H2File {
      Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The database file H2 writes. */
    public Path file() {
      return dataDir.toAbsolutePath().normalize().resolve("mlops-journal.mv.db");
    }

    @Override
    public String describe() {
      return "H2 file " + file();
    }

    @Override
    public String jdbcUrl() {
      // Lower-case quoted table names in the DDL: keep H2's case handling as the DDL expects.
      return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("mlops-journal")
          + ";DATABASE_TO_UPPER=false";
    }

    /**
     * The file opened read-only (H2 then writes nothing to it, not even on close) and never
     * created: a directory without a journal is an error, not a new empty journal. Lazy execution
     * streams a query's rows instead of materialising them.
     */
    @Override
    public String readOnlyJdbcUrl() {
      return jdbcUrl() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE";
    }

    @Override
    public String user() {
      return "sa";
    }

    @Override
    public String password() {
      return "";
    }

    @Override
    public String slickProfile() {
      return "slick.jdbc.H2Profile$";
    }

    @Override
    public String driverClass() {
      return "org.h2.Driver";
    }

    @Override
    public String migrationFolder() {
      return "h2";
    }
  }

  /** A PostgreSQL server, shared by every node of a cluster. */
  record Postgres(String jdbcUrl, String user, String password) implements DatabaseTarget {
    public Postgres {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "database URL '" + RedactedUrl.of(jdbcUrl) + "' is not supported: expected jdbc:postgresql://HOST:PORT/DB");
      }
      user = user == null ? "" : user;
      password = password == null ? "" : password;
    }

    @Override
    public String slickProfile() {
      return "slick.jdbc.PostgresProfile$";
    }

    @Override
    public String driverClass() {
      return "org.postgresql.Driver";
    }

    @Override
    public String migrationFolder() {
      return "postgres";
    }

    @Override
    public String toString() {
      return "Postgres[" + describe() + "]";
    }
  }
}
