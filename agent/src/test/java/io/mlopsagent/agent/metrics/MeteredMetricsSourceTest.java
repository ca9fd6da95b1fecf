package io.mlopsagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeteredMetricsSourceTest {
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void historyReachesTheSourceAndIsNotCountedAsLiveObservation() {
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(1, 3), START);
    List<Integer> observedBatches = new ArrayList<>();
    MeteredMetricsSource metered = new MeteredMetricsSource(world, windows -> observedBatches.add(windows.size()));
    ModelName model = world.fleet().names().get(0);

    Map<ModelName, List<MetricWindow>> past = metered.history(List.of(model), START.minus(Duration.ofDays(1)), START,
        Duration.ofMinutes(10)).toCompletableFuture().join();

    // Baseline warm-up depends on this: a metered source that answered nothing left every model cold.
    assertThat(past.get(model)).hasSize(144);
    assertThat(observedBatches).isEmpty();
  }
}
