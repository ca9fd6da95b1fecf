package io.mlopsagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.poll.PollReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {
  private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void eachSliceOnANodeShowsItsOwnObservationTimeSoAStuckOneIsSeen() {
    AgentMetrics metrics = new AgentMetrics("test");

    metrics.ofSlice(0).accept(ok(T));
    metrics.ofSlice(2).accept(ok(T.plusSeconds(600)));
    metrics.ofSlice(0).accept(new PollReport(T.plusSeconds(900), 0, 0, 0, 0, 0, "Prometheus down", 1_000));

    String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
    // Slice 0's failed poll leaves its last good time: it lags 600 s behind slice 2.
    assertThat(scrape).contains("mlops_observation_time_seconds{slice=\"0\"} " + seconds(T))
        .contains("mlops_observation_time_seconds{slice=\"2\"} " + seconds(T.plusSeconds(600)))
        .doesNotContain("mlops_observation_time_seconds{slice=\"1\"}");
    assertThat(metrics.failedPolls()).isEqualTo(1);
  }

  @Test
  void aNodeHostingTwoSlicesShowsEachSlicesModelsNotJustTheLastReported() {
    AgentMetrics metrics = new AgentMetrics("test");

    metrics.ofSlice(0).accept(new PollReport(T, 34, 34, 0, 0, 0, null, 1_000));
    metrics.ofSlice(1).accept(new PollReport(T, 33, 33, 0, 0, 0, null, 1_000));

    String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
    assertThat(scrape).contains("mlops_models{slice=\"0\"} 34.0").contains("mlops_models{slice=\"1\"} 33.0");
  }

  private static PollReport ok(Instant at) {
    return new PollReport(at, 3, 3, 0, 0, 0, null, 1_000);
  }

  /** As the text format writes a gauge's value. */
  private static String seconds(Instant at) {
    return Double.toString(at.getEpochSecond());
  }
}
