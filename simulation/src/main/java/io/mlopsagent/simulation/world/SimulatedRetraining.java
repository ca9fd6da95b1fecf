package io.mlopsagent.simulation.world;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.simulation.fleet.VersionQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A training system in memory: a request registers, after the training time, a new version trained
 * on fresh data (so drift that hurt the old version does not hurt it). One run per action id.
 */
public final class SimulatedRetraining implements RetrainingTrigger {
  private final SimulatedRegistry registry;
  private final Supplier<Instant> now;
  private final Duration trainingTime;
  private final Function<ModelName, VersionQuality> freshQuality;
  private final Map<ActionId, String> runs = new LinkedHashMap<>();
  private final Map<ModelName, Integer> runsOf = new java.util.HashMap<>();

  public SimulatedRetraining(SimulatedRegistry registry, Supplier<Instant> now, Duration trainingTime,
      Function<ModelName, VersionQuality> freshQuality) {
    this.registry = registry;
    this.now = now;
    this.trainingTime = trainingTime;
    this.freshQuality = freshQuality;
  }

  public synchronized Map<ActionId, String> runs() {
    return Map.copyOf(runs);
  }

  @Override
  public synchronized CompletionStage<String> requestRetraining(ActionId action, ModelName model, String reason) {
    String existing = runs.get(action);
    if (existing != null) {
      return CompletableFuture.completedFuture(existing);
    }
    // Numbered per model, so a version's name does not depend on what other models did first.
    int n = runsOf.merge(model, 1, Integer::sum);
    String runId = "train-" + model + "-" + n;
    runs.put(action, runId);
    VersionQuality quality = freshQuality.apply(model);
    String version = "retrained-" + n;
    registry.register(new ModelVersion(model, version, quality.accuracy(), Set.of("retrained")), quality,
        now.get().plus(trainingTime));
    return CompletableFuture.completedFuture(runId);
  }
}
