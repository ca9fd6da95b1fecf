package io.mlopsagent.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Reads tagged events straight from the journal tables, newest first, for the admin API. The
 * read journal's {@code currentEventsByTag} is built for streaming projections: it waits out
 * possible gaps in the ordering column, which can take seconds — too slow to answer a request.
 * Tagged events here are rare (decisions, outcomes), so one indexed query answers at once.
 */
public final class TaggedEvents implements AutoCloseable {

  /** One event as journaled. */
  public record StoredEvent(String persistenceId, long sequenceNr, Object event) {}

  private static final String QUERY = "SELECT j.persistence_id, j.sequence_number, j.event_ser_id,"
      + " j.event_ser_manifest, j.event_payload FROM event_journal j JOIN event_tag t ON t.event_id = j.ordering"
      + " WHERE t.tag = ? AND j.deleted = FALSE ORDER BY j.ordering DESC";

  private static final String BY_ID = "SELECT j.persistence_id, j.sequence_number, j.event_ser_id,"
      + " j.event_ser_manifest, j.event_payload FROM event_journal j"
      + " WHERE j.persistence_id = ? AND j.deleted = FALSE ORDER BY j.sequence_number DESC LIMIT ?";

  private static final String PING = "SELECT 1 FROM event_journal WHERE 1 = 0";

  private final HikariDataSource pool;
  private final Serialization serialization;
  private final Executor blocking;

  public TaggedEvents(ClassicActorSystemProvider system, DatabaseTarget target) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(target.jdbcUrl());
    config.setUsername(target.user());
    config.setPassword(target.password());
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    config.setPoolName("mlops-tagged-events");
    config.setReadOnly(true);
    this.pool = new HikariDataSource(config);
    this.serialization = SerializationExtension.get(system.classicSystem());
    this.blocking = system.classicSystem().dispatchers().lookup("pekko.actor.default-blocking-io-dispatcher");
  }

  /** Every event with {@code tag}, newest first. */
  public CompletionStage<List<StoredEvent>> newestFirst(String tag) {
    return CompletableFuture.supplyAsync(() -> query(tag), blocking);
  }

  /** The newest {@code limit} events of one entity, newest first. */
  public CompletionStage<List<StoredEvent>> newestOf(String persistenceId, int limit) {
    return CompletableFuture.supplyAsync(() -> query(BY_ID, ps -> {
      ps.setString(1, persistenceId);
      ps.setInt(2, limit);
    }), blocking);
  }

  /**
   * Whether the journal's database answers now: a query on the journal table that reads no row,
   * on this reader's own small pool (the journal's writers keep theirs). Fails with {@link
   * DatabaseUnavailableException} saying why.
   */
  public CompletionStage<Void> ping() {
    return CompletableFuture.runAsync(() -> {
      try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(PING)) {
        ps.setQueryTimeout(5);
        ps.executeQuery().close();
      } catch (SQLException e) {
        throw new DatabaseUnavailableException(driverMessage(e), e);
      }
    }, blocking);
  }

  /** The innermost SQL error's first line: the driver's reason, not the pool's "timed out". */
  private static String driverMessage(SQLException e) {
    Throwable inner = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException) {
        inner = t;
      }
    }
    String message = String.valueOf(inner.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private List<StoredEvent> query(String tag) {
    return query(QUERY, ps -> ps.setString(1, tag));
  }

  private interface Binding {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private List<StoredEvent> query(String sql, Binding binding) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binding.bind(ps);
      List<StoredEvent> events = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object event = serialization.deserialize(rs.getBytes(5), rs.getInt(3), rs.getString(4)).get();
          events.add(new StoredEvent(rs.getString(1), rs.getLong(2), event));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot read the journal: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
