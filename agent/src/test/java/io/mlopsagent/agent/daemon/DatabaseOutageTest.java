package io.mlopsagent.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.poll.WallClockSchedule;
import io.mlopsagent.agent.bench.failover.FailoverWorld;
import io.mlopsagent.agent.bench.failover.JournalCounts;
import io.mlopsagent.agent.bench.failover.JournalRows;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.persistence.TemporaryPostgres;
import io.mlopsagent.simulation.world.SimulatedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon on a real PostgreSQL journal, its simulated fleet in the middle of rollouts, while the
 * database is shut down (fast) for a while and started again on the same port and data: the
 * agent says so while it is down, its entities come back and go on, no journaled event is lost,
 * and every action the cluster applied belongs to a journaled decision, each applied once.
 */
@Tag("slow")
class DatabaseOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MODELS = 6;
  private static final Duration STEP = Duration.ofMillis(500);
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void survivesAStoppedDatabaseWithoutLosingEventsOrActingTwice(@TempDir Path data) throws Exception {
    try (TemporaryPostgres pg = TemporaryPostgres.start(TemporaryPostgres.Durability.NONE)) {
      String url = pg.newDatabase();
      FailoverWorld world = FailoverWorld.create(MODELS);
      AgentConfig config = config(data, url, pg.user());
      ModelAgentPorts ports = new ModelAgentPorts(world.world().cluster(), world.world().registry(),
          world.world().retraining(), config::policies);
      try (Daemon daemon = Daemon.start(config, system -> new Daemon.World(world.world(), ports),
          new WallClockSchedule(Clock.systemUTC(), STEP), "test")) {
        String base = "http://127.0.0.1:" + daemon.httpPort();
        SimulatedCluster cluster = world.world().cluster();
        // Stop in the middle of the rollouts: candidates deployed, half the models past a canary step.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() ->
            cluster.appliedActions().stream().filter(a -> a.what().startsWith("candidate weight")).count() >= MODELS / 2);
        JournalRows rowsBefore = JournalRows.read(url, pg.user());
        Map<String, Long> before = JournalCounts.highest(url, pg.user());
        int actionsBefore = cluster.appliedActions().size();
        int promotedBefore = world.promoted();

        // ---- outage ----
        long stopNanos = System.nanoTime();
        pg.stopFast();
        long stoppedNanos = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
            .until(() -> metric(base, "mlops_journal_up") == 0.0);
        long detectedNanos = System.nanoTime();
        JsonNode readiness = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> json(base + "/readyz"), r -> !r.path("journalError").isNull());
        int modelDuring = await().atMost(Duration.ofSeconds(30)).until(
            () -> status(base + "/api/models/fraud-scoring-001"), code -> code == 503);
        List<Double> upDuring = new ArrayList<>();
        await().atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
          upDuring.add(metric(base, "mlops_journal_up"));
          return System.nanoTime() - stopNanos >= OUTAGE.toNanos();
        });
        double failedWindows = metric(base, "mlops_windows_total{outcome=\"failed\"}");
        int actionsDuring = cluster.appliedActions().size();

        // ---- back ----
        long restartNanos = System.nanoTime();
        pg.restart();
        long upNanos = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
          Map<String, Long> now = JournalCounts.highest(url, pg.user());
          return before.entrySet().stream().filter(e -> e.getKey().startsWith("ModelAgent|"))
              .allMatch(e -> now.getOrDefault(e.getKey(), 0L) > e.getValue());
        });
        long journalingNanos = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
          JsonNode ready = json(base + "/readyz");
          return "ready".equals(ready.path("status").asText()) && ready.path("journalError").isNull()
              && metric(base, "mlops_journal_up") == 1.0;
        });
        long readyNanos = System.nanoTime();
        // Every rollout reaches a verdict: promoted, or aborted by its own analysis (a loaded
        // machine can make a canary's latency fail its comparison; that is the analysis working).
        await().atMost(Duration.ofSeconds(120)).until(() -> world.rolloutsEnded() == MODELS);
        long promotedNanos = System.nanoTime();
        JournalRows rowsAfter = JournalRows.read(url, pg.user());
        Map<String, Long> after = JournalCounts.highest(url, pg.user());
        List<SimulatedCluster.AppliedAction> actions = cluster.appliedActions();
        List<String> orphans = new ArrayList<>();
        for (SimulatedCluster.AppliedAction a : actions) {
          if (!rowsAfter.isDecision(a.id().value())) {
            orphans.add(a.id().value() + " " + a.what());
          }
        }
        System.out.printf(Locale.ROOT, "DATABASE-OUTAGE outage=%.1fs (fast stop %.2fs, restart %.2fs)"
                + " detected=%.2fs after stop; after restart: every entity journaling %.2fs, ready %.2fs,"
                + " all ended %.2fs (promoted %d); events before=%d after=%d missing=%d lostByHighest=%d;"
                + " actions before=%d during=%d after=%d orphans=%d duplicates=%d repeatedRequests=%d"
                + " promotedBefore=%d failedPolls=%d%n",
            secs(restartNanos - stopNanos), secs(stoppedNanos - stopNanos), secs(upNanos - restartNanos),
            secs(detectedNanos - stopNanos), secs(journalingNanos - upNanos), secs(readyNanos - upNanos),
            secs(promotedNanos - upNanos), world.promoted(), rowsBefore.size(), rowsAfter.size(), rowsBefore.missingFrom(rowsAfter),
            JournalCounts.lost(before, after), actionsBefore, actionsDuring, actions.size(), orphans.size(),
            world.duplicateActions(), world.repeatedRequests(), promotedBefore, daemon.metrics().failedPolls());
        System.out.println("DURING readyz " + readiness);

        // (a) while down: entities cannot answer, and the agent says the journal is the reason
        assertThat(upDuring).containsOnly(0.0);
        assertThat(readiness.path("journalError").asText()).isNotBlank();
        if (!readiness.path("reason").isNull()) {
          assertThat(readiness.path("reason").asText()).contains("journal");
        }
        assertThat(modelDuring).isEqualTo(503);
        assertThat(failedWindows).as("windows whose entity could not record them").isPositive();
        // (b) back: every entity journals again within its restart backoff (up to 30 s, +20 % jitter)
        // after the journal's breaker lets calls through (5 s), and the rollouts run to the end
        assertThat(Duration.ofNanos(journalingNanos - upNanos)).isLessThan(Duration.ofSeconds(60));
        assertThat(world.rolloutsUnfinished()).isZero();
        // (c) nothing journaled before the outage is gone or changed
        assertThat(rowsBefore.missingFrom(rowsAfter)).isZero();
        assertThat(JournalCounts.lost(before, after)).isZero();
        // (d) every applied action is a journaled decision's, and none took effect twice
        assertThat(orphans).isEmpty();
        assertThat(world.duplicateActions()).isZero();
        assertThat(actions.stream().map(a -> a.id().value()).collect(Collectors.toSet())).hasSize(actions.size());
      }
    }
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private double metric(String base, String name) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith(name + " ")).map(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst().orElseThrow(() -> new AssertionError(name + " not on /metrics"));
  }

  private int status(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static AgentConfig config(Path data, String url, String user) {
    return AgentConfig.load(Optional.empty(), ConfigFactory.parseString(String.join("\n",
        "mlops.data-dir = \"" + data + "\"",
        "mlops.db.url = \"" + url + "\"",
        "mlops.db.user = \"" + user + "\"",
        "mlops.http.port = 0",
        "mlops.pushgateway.url = \"\"",
        "mlops.poller.step = " + STEP.toMillis() + "ms",
        io.mlopsagent.agent.bench.failover.FailoverNode.QUICK_ROLLOUTS)));
  }

  private JsonNode json(String url) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
