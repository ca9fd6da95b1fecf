package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where live metrics come from (Prometheus in production, a simulated fleet in {@code demo} and
 * {@code simulate}). Always asked for a batch: a poller owns a slice of the fleet and fetches the
 * whole slice in one go, never one model at a time.
 */
public interface MetricsSource {

  /** The models this source currently has metrics for. */
  CompletionStage<List<ModelName>> discover();

  /**
   * The window ending at {@code at} for each of {@code models}, overall and per serving version. A
   * model the source has nothing for is absent from the answer; that is a data gap, never
   * degradation.
   */
  CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at);

  /**
   * The past windows of {@code models} from {@code from} (inclusive) to {@code to} (exclusive), one
   * every {@code step}, oldest first: what warms up the baselines of a model seen for the first
   * time. A source without history answers nothing.
   */
  default CompletionStage<Map<ModelName, List<MetricWindow>>> history(
      Collection<ModelName> models, Instant from, Instant to, java.time.Duration step) {
    return java.util.concurrent.CompletableFuture.completedFuture(Map.of());
  }

  /** Why the source cannot answer right now (an open circuit breaker, say), empty when it can. */
  default Optional<String> problem() {
    return Optional.empty();
  }
}
