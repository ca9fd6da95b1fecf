package io.mlopsagent.agent.metrics;

import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A metrics source whose every answer is also shown on {@code /metrics}. */
public final class MeteredMetricsSource implements MetricsSource {
  private final MetricsSource source;
  private final Consumer<Map<ModelName, ModelWindows>> observer;

  public MeteredMetricsSource(MetricsSource source, Consumer<Map<ModelName, ModelWindows>> observer) {
    this.source = source;
    this.observer = observer;
  }

  @Override
  public CompletionStage<List<ModelName>> discover() {
    return source.discover();
  }

  @Override
  public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at) {
    return source.fetch(models, at).thenApply(windows -> {
      observer.accept(windows);
      return windows;
    });
  }

  /** Past windows warm baselines up; they are not live observations, so they are not counted. */
  @Override
  public CompletionStage<Map<ModelName, List<io.mlopsagent.actors.metrics.MetricWindow>>> history(
      Collection<ModelName> models, Instant from, Instant to, java.time.Duration step) {
    return source.history(models, from, to, step);
  }

  @Override
  public Optional<String> problem() {
    return source.problem();
  }
}
