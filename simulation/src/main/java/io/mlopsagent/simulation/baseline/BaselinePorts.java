package io.mlopsagent.simulation.baseline;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.score.PolicyEvents;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The ports a baseline acts through, answered synchronously (the simulated ones complete at once)
 * and with failures turned into an empty answer: a baseline whose call fails tries again at a later
 * window, as a reconciling controller does.
 */
public final class BaselinePorts {
  private final ClusterActuator cluster;
  private final ModelRegistry registry;
  private final RetrainingTrigger retraining;
  private final PolicyEvents events;
  private long actions;

  public BaselinePorts(ClusterActuator cluster, ModelRegistry registry, RetrainingTrigger retraining,
      PolicyEvents events) {
    this.cluster = cluster;
    this.registry = registry;
    this.retraining = retraining;
    this.events = events;
  }

  public PolicyEvents events() {
    return events;
  }

  Optional<Workload> workload(ModelName model) {
    return join(cluster.workload(model)).flatMap(w -> w);
  }

  List<ModelVersion> versions(ModelName model) {
    return join(registry.versions(model)).orElse(List.of());
  }

  Optional<Workload> scale(ModelName model, int replicas, double cpu) {
    return join(cluster.scale(next(model), model, replicas, cpu));
  }

  Optional<Workload> deployCandidate(ModelName model, String version, int weight) {
    return join(cluster.deployCandidate(next(model), model, version, weight));
  }

  Optional<Workload> setWeight(ModelName model, int weight) {
    return join(cluster.setCandidateWeight(next(model), model, weight));
  }

  Optional<Workload> promote(ModelName model) {
    return join(cluster.promoteCandidate(next(model), model));
  }

  Optional<Workload> removeCandidate(ModelName model) {
    return join(cluster.removeCandidate(next(model), model));
  }

  Optional<Workload> serve(ModelName model, String version) {
    return join(cluster.setStableVersion(next(model), model, version));
  }

  boolean retrain(ModelName model, String reason) {
    return join(retraining.requestRetraining(next(model), model, reason)).isPresent();
  }

  private ActionId next(ModelName model) {
    return ActionId.of(model, ++actions);
  }

  private static <T> Optional<T> join(CompletionStage<T> stage) {
    try {
      return Optional.ofNullable(stage.toCompletableFuture().join());
    } catch (CompletionException e) {
      return Optional.empty();
    }
  }
}
