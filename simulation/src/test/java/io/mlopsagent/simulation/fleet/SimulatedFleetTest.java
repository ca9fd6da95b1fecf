package io.mlopsagent.simulation.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {
  private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void theSameSeedGivesTheSameFleetAndTheSameWindowsInAnyOrder() {
    SimulatedFleet a = new SimulatedFleet(7, 20);
    SimulatedFleet b = new SimulatedFleet(7, 20);
    List<ModelName> names = a.discover().toCompletableFuture().join();

    Map<ModelName, MetricWindow> forward = a.fetch(names, MONDAY_NOON).toCompletableFuture().join();
    List<ModelName> reversed = new java.util.ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    Map<ModelName, MetricWindow> backward = b.fetch(reversed, MONDAY_NOON).toCompletableFuture().join();

    assertThat(b.profiles()).isEqualTo(a.profiles());
    assertThat(backward).isEqualTo(forward).hasSize(20);
  }

  @Test
  void aDifferentSeedGivesADifferentFleet() {
    assertThat(new SimulatedFleet(1, 5).profiles()).isNotEqualTo(new SimulatedFleet(2, 5).profiles());
  }

  @Test
  void everyWindowIsValidOverAWeek() {
    SimulatedFleet fleet = new SimulatedFleet(42, 50);
    List<ModelName> names = fleet.discover().toCompletableFuture().join();
    for (Instant t = MONDAY_NOON; t.isBefore(MONDAY_NOON.plus(Duration.ofDays(7))); t = t.plus(Duration.ofMinutes(37))) {
      for (MetricWindow w : fleet.fetch(names, t).toCompletableFuture().join().values()) {
        assertThat(w.gaps()).as("gaps at %s", t).isEmpty();
      }
    }
  }

  @Test
  void trafficFollowsTheDayAndLatencyRisesWithUtilisation() {
    SimulatedFleet fleet = new SimulatedFleet(42, 1);
    ModelProfile p = fleet.profiles().get(0);
    // Compare the model's own peak and trough hours, averaged over a few windows to beat the noise.
    Instant peak = MONDAY_NOON.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
        .plus(Duration.ofHours(16)).minus(p.dailyPhase());
    Instant trough = peak.minus(Duration.ofHours(12));

    double peakRps = mean(fleet, p, peak, MetricKind.THROUGHPUT_RPS);
    double troughRps = mean(fleet, p, trough, MetricKind.THROUGHPUT_RPS);
    double peakLatency = mean(fleet, p, peak, MetricKind.LATENCY_P95_SECONDS);
    double troughLatency = mean(fleet, p, trough, MetricKind.LATENCY_P95_SECONDS);

    assertThat(peakRps).isGreaterThan(2.5 * troughRps);
    assertThat(peakLatency).isGreaterThan(troughLatency);
    assertThat(mean(fleet, p, peak, MetricKind.CPU_UTILIZATION)).isBetween(0.35, 0.95);
  }

  @Test
  void aFleetNeedsAtLeastOneModel() {
    assertThatThrownBy(() -> new SimulatedFleet(1, 0)).hasMessageContaining("at least 1 model");
  }

  private static double mean(SimulatedFleet fleet, ModelProfile p, Instant around, MetricKind kind) {
    double sum = 0;
    int n = 30;
    for (int i = 0; i < n; i++) {
      sum += fleet.window(p, around.plusSeconds(10L * i)).value(kind);
    }
    return sum / n;
  }
}
