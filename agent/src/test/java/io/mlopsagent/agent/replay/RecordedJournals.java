package io.mlopsagent.agent.replay;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.DemoFaults;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Journals the daemon really writes, for replay to read: the demo's faults, in accelerated time. */
final class RecordedJournals {
  static final Set<String> EVERY_ADAPTATION = Set.of("degradation_detected", "rollout_started",
      "canary_step_passed", "rollout_promoted", "rollout_aborted", "rolled_back", "scaled_out", "scaled_in",
      "retraining_requested");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedJournals() {}

  /**
   * Runs a daemon with the demo's faults on {@code config}'s journal until it has journaled every
   * kind of adaptation, then stops it: the journal is complete and closed when this returns.
   */
  static void record(AgentConfig config) {
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(config.demo().seed(), config.demo().models()),
        TestDaemons.START);
    DemoFaults.stage(world, TestDaemons.START);
    try (Daemon daemon = TestDaemons.start(config, world)) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> decisionTypes(daemon.httpPort()).containsAll(EVERY_ADAPTATION));
    }
  }

  /** Rows in the journal's tables: events, tags, snapshots. */
  static List<Long> rowCounts(String jdbcUrl, String user) throws SQLException {
    List<Long> counts = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
      for (String table : List.of("event_journal", "event_tag", "snapshot")) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          counts.add(rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static Set<String> decisionTypes(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/decisions?limit=500")).build(),
        HttpResponse.BodyHandlers.ofString());
    Set<String> types = new HashSet<>();
    JSON.readTree(r.body()).get("items").forEach(i -> types.add(i.get("type").asText()));
    return types;
  }
}
