package io.mlopsagent.agent.bench.failover;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The journal's highest sequence number per persistence id, read straight from PostgreSQL. */
public final class JournalCounts {
  private JournalCounts() {}

  public static Map<String, Long> highest(String jdbcUrl, String user) throws SQLException {
    Map<String, Long> highest = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT persistence_id, MAX(sequence_number) FROM event_journal GROUP BY persistence_id")) {
      while (rs.next()) {
        highest.put(rs.getString(1), rs.getLong(2));
      }
    }
    return highest;
  }

  /** Events journaled before that are gone after: for each id, how far its newest event went back. */
  public static long lost(Map<String, Long> before, Map<String, Long> after) {
    long lost = 0;
    for (Map.Entry<String, Long> e : before.entrySet()) {
      lost += Math.max(0, e.getValue() - after.getOrDefault(e.getKey(), 0L));
    }
    return lost;
  }
}
