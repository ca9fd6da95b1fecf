package io.mlopsagent.simulation.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {
  private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void theSameSeedGivesTheSameFleetAndTheSameWindows() {
    SimulatedFleet a = new SimulatedFleet(7, 20);
    SimulatedFleet b = new SimulatedFleet(7, 20);

    assertThat(b.profiles()).isEqualTo(a.profiles());
    for (ModelProfile p : a.profiles()) {
      assertThat(b.healthyWindow(p, MONDAY_NOON)).isEqualTo(a.healthyWindow(p, MONDAY_NOON));
    }
  }

  @Test
  void aDifferentSeedGivesADifferentFleet() {
    assertThat(new SimulatedFleet(1, 5).profiles()).isNotEqualTo(new SimulatedFleet(2, 5).profiles());
  }

  @Test
  void aHealthyFleetStaysValidAndWithinTheCpuBandAllWeek() {
    SimulatedFleet fleet = new SimulatedFleet(42, 50);
    int windows = 0;
    int outsideBand = 0;
    for (Instant t = MONDAY_NOON; t.isBefore(MONDAY_NOON.plus(Duration.ofDays(7))); t = t.plus(Duration.ofMinutes(37))) {
      for (ModelProfile p : fleet.profiles()) {
        MetricWindow w = fleet.healthyWindow(p, t);
        assertThat(w.gaps()).as("gaps at %s", t).isEmpty();
        assertThat(w.accuracy()).isGreaterThan(0.85);
        windows++;
        if (w.cpuUtilization() < 0.2 || w.cpuUtilization() > 0.8) {
          outsideBand++;
        }
      }
    }
    // The healthy fleet must give the agent nothing to scale: CPU within 20-80 % (noise aside).
    assertThat((double) outsideBand / windows).isLessThan(0.002);
  }

  @Test
  void trafficFollowsTheDayAndLatencyRisesWithUtilisation() {
    SimulatedFleet fleet = new SimulatedFleet(42, 1);
    ModelProfile p = fleet.profiles().get(0);
    Instant peak = MONDAY_NOON.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(16)).minus(p.dailyPhase());
    Instant trough = peak.minus(Duration.ofHours(12));

    assertThat(mean(fleet, p, peak, MetricKind.THROUGHPUT_RPS))
        .isGreaterThan(1.7 * mean(fleet, p, trough, MetricKind.THROUGHPUT_RPS));
    assertThat(mean(fleet, p, peak, MetricKind.LATENCY_P95_SECONDS))
        .isGreaterThan(mean(fleet, p, trough, MetricKind.LATENCY_P95_SECONDS));
    assertThat(mean(fleet, p, peak, MetricKind.CPU_UTILIZATION)).isBetween(0.5, 0.75);
  }

  @Test
  void aFleetNeedsAtLeastOneModel() {
    assertThatThrownBy(() -> new SimulatedFleet(1, 0)).hasMessageContaining("at least 1 model");
  }

  private static double mean(SimulatedFleet fleet, ModelProfile p, Instant around, MetricKind kind) {
    double sum = 0;
    int n = 30;
    for (int i = 0; i < n; i++) {
      sum += fleet.healthyWindow(p, around.plusSeconds(10L * i)).value(kind);
    }
    return sum / n;
  }
}
