package io.mlopsagent.agent.bench.failover;

import io.mlopsagent.actors.agent.Decisions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Every model entity's journal rows, read straight from PostgreSQL: which sequence numbers exist
 * and what event each holds (its serializer manifest, the event's class name). Model entities
 * never delete events (their snapshots keep them), so a row that was there before and is gone or
 * different after is an event lost, wherever in the journal it was.
 */
public final class JournalRows {
  /** How the model entities' persistence ids begin. */
  public static final String MODEL_IDS = "ModelAgent|";

  private final Map<String, Map<Long, String>> byId;

  private JournalRows(Map<String, Map<Long, String>> byId) {
    this.byId = byId;
  }

  public static JournalRows read(String jdbcUrl, String user) throws SQLException {
    Map<String, Map<Long, String>> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT persistence_id, sequence_number, event_ser_manifest FROM event_journal"
            + " WHERE persistence_id LIKE '" + MODEL_IDS + "%'")) {
      while (rs.next()) {
        rows.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getLong(2), rs.getString(3));
      }
    }
    return new JournalRows(rows);
  }

  public int size() {
    return byId.values().stream().mapToInt(Map::size).sum();
  }

  /** Rows of this journal that {@code later} lacks or holds a different event in. */
  public long missingFrom(JournalRows later) {
    long missing = 0;
    for (Map.Entry<String, Map<Long, String>> id : byId.entrySet()) {
      Map<Long, String> after = later.byId.getOrDefault(id.getKey(), Map.of());
      missing += id.getValue().entrySet().stream().filter(e -> !e.getValue().equals(after.get(e.getKey()))).count();
    }
    return missing;
  }

  /**
   * Whether action id {@code model#seq} names a decision journaled by that model's entity: the
   * actuation derives the id from the decision event's sequence number.
   */
  public boolean isDecision(String actionId) throws ClassNotFoundException {
    int hash = actionId.lastIndexOf('#');
    String manifest = byId.getOrDefault(MODEL_IDS + actionId.substring(0, hash), Map.of())
        .get(Long.parseLong(actionId.substring(hash + 1)));
    return manifest != null && Decisions.Decision.class.isAssignableFrom(Class.forName(manifest));
  }
}
