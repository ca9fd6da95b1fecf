package io.mlopsagent.agent.daemon;

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
 * and what event each holds (its serializer manifest, the event's class name).
 */
final class JournalRows {
  private final Map<String, Map<Long, String>> byId;

  private JournalRows(Map<String, Map<Long, String>> byId) {
    this.byId = byId;
  }

  static JournalRows read(String jdbcUrl, String user) throws SQLException {
    Map<String, Map<Long, String>> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT persistence_id, sequence_number, event_ser_manifest FROM event_journal"
            + " WHERE persistence_id LIKE 'ModelAgent|%'")) {
      while (rs.next()) {
        rows.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getLong(2), rs.getString(3));
      }
    }
    return new JournalRows(rows);
  }

  int size() {
    return byId.values().stream().mapToInt(Map::size).sum();
  }

  /** Rows of this journal that {@code later} lacks or holds a different event in. */
  long missingFrom(JournalRows later) {
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
  boolean isDecision(String actionId) throws ClassNotFoundException {
    int hash = actionId.lastIndexOf('#');
    String manifest = byId.getOrDefault("ModelAgent|" + actionId.substring(0, hash), Map.of())
        .get(Long.parseLong(actionId.substring(hash + 1)));
    return manifest != null && Decisions.Decision.class.isAssignableFrom(Class.forName(manifest));
  }
}
