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

  /**
   * What the journal holds at one moment, to count the events a fault lost: the model entities'
   * rows one by one (a gap anywhere counts), and for the other ids (the learner, the pollers, the
   * audit), which delete events their snapshots cover, how far their newest event reaches.
   */
  public record Contents(JournalRows modelRows, Map<String, Long> highest) {
    public static Contents read(String jdbcUrl, String user) throws SQLException {
      return new Contents(JournalRows.read(jdbcUrl, user), JournalCounts.highest(jdbcUrl, user));
    }

    /** Events here that {@code later} lacks (or holds a different event in their place). */
    public long lostIn(Contents later) {
      Map<String, Long> others = new HashMap<>(highest);
      others.keySet().removeIf(id -> id.startsWith(JournalRows.MODEL_IDS));
      return modelRows.missingFrom(later.modelRows) + lost(others, later.highest);
    }
  }

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
