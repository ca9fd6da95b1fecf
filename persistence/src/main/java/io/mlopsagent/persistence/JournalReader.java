package io.mlopsagent.persistence;

import io.mlopsagent.persistence.TaggedEvents.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Reads a journal without changing it, for tools that look back over the agent's history
 * ({@code mlops-agent replay}): one read-only connection (an H2 file opened in read-only mode, a
 * PostgreSQL session in read-only transactions), no schema migration, no journal plugin. Events
 * come back deserialized with the actor system's serializers, one persistence id at a time and
 * streamed, so memory stays bounded by what the caller keeps.
 */
public final class JournalReader implements AutoCloseable {
  private static final String IDS = "SELECT DISTINCT persistence_id FROM event_journal"
      + " WHERE persistence_id LIKE ? AND deleted = FALSE ORDER BY persistence_id";
  private static final String EVENTS = "SELECT persistence_id, sequence_number, event_ser_id, event_ser_manifest,"
      + " event_payload FROM event_journal WHERE persistence_id = ? AND deleted = FALSE ORDER BY sequence_number";
  private static final String TAGGED = "SELECT j.persistence_id, j.sequence_number, j.event_ser_id,"
      + " j.event_ser_manifest, j.event_payload FROM event_journal j JOIN event_tag t ON t.event_id = j.ordering"
      + " WHERE j.persistence_id = ? AND t.tag = ? AND j.deleted = FALSE ORDER BY j.sequence_number";
  // Rows fetched per round trip while streaming; PostgreSQL only streams inside a transaction.
  private static final int FETCH_SIZE = 500;
  // org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1, named here so this class needs no H2 classes.
  private static final int H2_IN_USE = 90020;

  private final DatabaseTarget target;
  private final Connection connection;
  private final Serialization serialization;

  private JournalReader(DatabaseTarget target, Connection connection, Serialization serialization) {
    this.target = target;
    this.connection = connection;
    this.serialization = serialization;
  }

  /**
   * Opens {@code target} read-only and checks that it holds a journal.
   *
   * @throws DatabaseUnavailableException when it cannot be reached or holds no journal tables
   */
  public static JournalReader open(ClassicActorSystemProvider system, DatabaseTarget target, Duration timeout) {
    Connection c;
    try {
      c = SchemaMigration.connect(target, target.readOnlyJdbcUrl(), timeout);
    } catch (SQLException e) {
      // H2 allows one process per file, even a reader: a running agent holds it.
      String hint = target instanceof DatabaseTarget.H2File && e.getErrorCode() == H2_IN_USE
          ? " (an agent is using it: stop it first, or read a copy of its data directory)" : "";
      throw new DatabaseUnavailableException("cannot open database " + target.describe() + " read-only: "
          + SchemaMigration.firstLine(e) + hint, e);
    }
    try {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try (PreparedStatement probe = c.prepareStatement("SELECT COUNT(*) FROM event_journal WHERE 1 = 0");
          ResultSet rs = probe.executeQuery()) {
        rs.next();
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw new DatabaseUnavailableException("database " + target.describe()
          + " holds no journal (no event_journal table): " + SchemaMigration.firstLine(e), e);
    }
    return new JournalReader(target, c, SerializationExtension.get(system.classicSystem()));
  }

  /** The persistence ids that start with {@code prefix}, in name order. */
  public List<String> persistenceIds(String prefix) {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(IDS)) {
      ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** The events of {@code persistenceId} with {@code tag}, oldest first: a handful, read at once. */
  public List<StoredEvent> tagged(String persistenceId, String tag) {
    List<StoredEvent> events = new ArrayList<>();
    stream(TAGGED, events::add, persistenceId, tag);
    return events;
  }

  /**
   * Streams the events of {@code persistenceId} oldest first to {@code each}, which answers whether
   * to go on: reading stops at the first {@code false}.
   */
  public void events(String persistenceId, Predicate<StoredEvent> each) {
    stream(EVENTS, each, persistenceId);
  }

  private void stream(String sql, Predicate<StoredEvent> each, String... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setFetchSize(FETCH_SIZE);
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        boolean more = true;
        while (more && rs.next()) {
          Object event = serialization.deserialize(rs.getBytes(5), rs.getInt(3), rs.getString(4)).get();
          more = each.test(new StoredEvent(rs.getString(1), rs.getLong(2), event));
        }
      }
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      endTransaction();
    }
  }

  /** Ends the read-only transaction so a long replay does not hold one snapshot open throughout. */
  private void endTransaction() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // Nothing was written; a failed rollback leaves nothing behind either.
    }
  }

  private DatabaseUnavailableException failed(SQLException e) {
    return new DatabaseUnavailableException(
        "cannot read the journal of " + target.describe() + ": " + SchemaMigration.firstLine(e), e);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Already failing with the reason that matters.
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }
}
