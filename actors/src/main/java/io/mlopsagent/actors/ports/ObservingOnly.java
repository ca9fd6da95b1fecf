package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The ports of an agent with nothing to act on: no cluster (so entities never learn a workload and
 * only detect and journal), no registry, no training system. Each says why when asked to act.
 * {@code run} uses it when Kubernetes is disabled; tests of the recording side use it too.
 */
public final class ObservingOnly implements ClusterActuator, ModelRegistry, RetrainingTrigger {
  private final String why;

  public ObservingOnly(String why) {
    this.why = why;
  }

  @Override
  public CompletionStage<Optional<Workload>> workload(ModelName model) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  @Override
  public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
    return refused();
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight) {
    return refused();
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weight) {
    return refused();
  }

  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return refused();
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return refused();
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    return refused();
  }

  @Override
  public CompletionStage<List<ModelVersion>> versions(ModelName model) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletionStage<String> requestRetraining(ActionId action, ModelName model, String reason) {
    return CompletableFuture.failedFuture(new IllegalStateException(why));
  }

  private CompletionStage<Workload> refused() {
    return CompletableFuture.failedFuture(new IllegalStateException(why));
  }
}
