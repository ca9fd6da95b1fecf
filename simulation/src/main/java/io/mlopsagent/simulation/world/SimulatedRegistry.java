package io.mlopsagent.simulation.world;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.simulation.fleet.VersionQuality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A model registry in memory whose versions carry, besides what a real registry records
 * (validation accuracy, tags), their true quality in production — which the simulated fleet uses.
 * A version becomes visible at the time it is registered, in observation time.
 */
public final class SimulatedRegistry implements ModelRegistry {

  /** A registered version with its true quality and when it appeared. */
  public record Entry(ModelVersion version, VersionQuality quality, Instant registeredAt) {}

  private final Map<ModelName, List<Entry>> entries = new HashMap<>();
  private final Supplier<Instant> now;
  private java.util.function.UnaryOperator<ModelVersion> artifacts = java.util.function.UnaryOperator.identity();
  private java.util.function.BiPredicate<ModelName, Instant> down = (model, at) -> false;

  public SimulatedRegistry(Supplier<Instant> now) {
    this.now = now;
  }

  /** What the registry says of each version's artifact (its size and complexity), as a real one would. */
  public synchronized void describeArtifacts(java.util.function.UnaryOperator<ModelVersion> describe) {
    this.artifacts = describe;
  }

  public synchronized void register(ModelVersion version, VersionQuality quality, Instant at) {
    entries.computeIfAbsent(version.model(), m -> new ArrayList<>()).add(new Entry(version, quality, at));
  }

  /** The true quality of a version, or {@code null} for a version the registry does not know. */
  public synchronized VersionQuality quality(ModelName model, String version) {
    for (Entry e : entries.getOrDefault(model, List.of())) {
      if (e.version().version().equals(version)) {
        return e.quality();
      }
    }
    return null;
  }

  /** When the registry does not answer for a model (the registry-outage fault). */
  public synchronized void outages(java.util.function.BiPredicate<ModelName, Instant> down) {
    this.down = down;
  }

  @Override
  public synchronized CompletionStage<List<ModelVersion>> versions(ModelName model) {
    Instant at = now.get();
    if (down.test(model, at)) {
      return CompletableFuture.failedFuture(unavailable(model));
    }
    return CompletableFuture.completedFuture(versionsAt(model, at));
  }

  /** Keeps no record of what serves, but an outage refuses the call as a real registry would. */
  @Override
  public synchronized CompletionStage<Void> recordPromotion(io.mlopsagent.actors.ports.ActionId action, ModelName model,
      String version) {
    return down.test(model, now.get()) ? CompletableFuture.failedFuture(unavailable(model))
        : CompletableFuture.completedFuture(null);
  }

  private static IllegalStateException unavailable(ModelName model) {
    return new IllegalStateException("model registry unavailable for " + model + ": 503 Service Unavailable (simulated)");
  }

  /** The versions registered by {@code at}, newest first. */
  public synchronized List<ModelVersion> versionsAt(ModelName model, Instant at) {
    return entries.getOrDefault(model, List.of()).stream()
        .filter(e -> !e.registeredAt().isAfter(at))
        .sorted(Comparator.comparing(Entry::registeredAt).reversed())
        .map(e -> artifacts.apply(e.version()))
        .toList();
  }
}
