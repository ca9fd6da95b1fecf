package io.mlopsagent.agent.simulate;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.daemon.AgentSystem;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.persistence.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What an agent crash cost, counted on two witnesses: the journal itself (every event of every
 * model written before the crash must still be there after the restart) and the restarted entities
 * (each must have recovered at least as many events as its model had journaled: a shorter memory
 * means events it no longer acts on).
 */
final class CrashRecovery {
  private static final String TALLY = "SELECT persistence_id, MAX(sequence_number), COUNT(*) FROM event_journal"
      + " WHERE persistence_id LIKE ? AND deleted = FALSE GROUP BY persistence_id";
  private static final String KEPT = "SELECT COUNT(*) FROM event_journal"
      + " WHERE persistence_id = ? AND sequence_number <= ? AND deleted = FALSE";

  /** One model's journal: its newest sequence number and how many events it holds. */
  record Tally(long highest, long events) {}

  private CrashRecovery() {}

  /** Every model entity's journal as it stands, by persistence id. */
  static Map<String, Tally> tally(DatabaseTarget db) {
    Map<String, Tally> tally = new HashMap<>();
    try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(TALLY)) {
      ps.setString(1, ModelAgent.ENTITY_KEY.name() + "|%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tally.put(rs.getString(1), new Tally(rs.getLong(2), rs.getLong(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal " + db.describe() + ": " + e.getMessage(), e);
    }
    return tally;
  }

  /**
   * Events journaled before the crash ({@code before}) that are gone now: rows missing from the
   * journal, or, if more, events the model's restarted entity did not recover.
   */
  static long lost(DatabaseTarget db, Map<String, Tally> before, Daemon restarted, Collection<ModelName> models) {
    long lost = 0;
    try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(KEPT)) {
      for (ModelName model : models) {
        String id = ModelAgent.persistenceId(model).id();
        Tally was = before.get(id);
        if (was == null) {
          continue; // the model had no entity yet: nothing to lose
        }
        ps.setString(1, id);
        ps.setLong(2, was.highest());
        long kept;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          kept = rs.getLong(1);
        }
        long recovered = recoveredEvents(restarted, model);
        lost += Math.max(Math.max(0, was.events() - kept), Math.max(0, was.highest() - recovered));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal " + db.describe() + ": " + e.getMessage(), e);
    }
    return lost;
  }

  /** Events the model's entity knows of after its recovery (and any windows since: never fewer). */
  private static long recoveredEvents(Daemon daemon, ModelName model) {
    try {
      return AskPattern.<ModelAgent.Command, ModelAgent.Status>ask(AgentSystem.entities(daemon.system()).apply(model),
              ModelAgent.GetStatus::new, Duration.ofSeconds(30), daemon.system().scheduler())
          .toCompletableFuture().get(60, TimeUnit.SECONDS).eventCount();
    } catch (Exception e) {
      throw new IllegalStateException("the entity of " + model + " did not answer after the restart: " + e, e);
    }
  }

  private static Connection connect(DatabaseTarget db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
