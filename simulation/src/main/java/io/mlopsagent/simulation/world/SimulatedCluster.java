package io.mlopsagent.simulation.world;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * A cluster in memory: one workload per model, changed by actions that each apply at most once
 * (a repeated action id answers the workload without changing it again). Changes take effect at
 * once; how long real deployments take is the simulator's business, not the demo's.
 */
public final class SimulatedCluster implements ClusterActuator {

  /** One applied change, for reports and tests. */
  public record AppliedAction(ActionId id, ModelName model, String what) {}

  private final Map<ModelName, Workload> workloads = new HashMap<>();
  private final Map<ActionId, Workload> applied = new HashMap<>();
  private final List<AppliedAction> log = new ArrayList<>();
  private int duplicateRequests;

  public synchronized void deploy(Workload workload) {
    workloads.put(workload.model(), workload);
  }

  public synchronized Optional<Workload> current(ModelName model) {
    return Optional.ofNullable(workloads.get(model));
  }

  public synchronized List<AppliedAction> appliedActions() {
    return List.copyOf(log);
  }

  /** How often an action id was asked for again after it had been applied. */
  public synchronized int duplicateRequests() {
    return duplicateRequests;
  }

  @Override
  public CompletionStage<Optional<Workload>> workload(ModelName model) {
    return CompletableFuture.completedFuture(current(model));
  }

  @Override
  public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
    return apply(action, model, "scale to " + replicas + " x " + cpuCores + " cores",
        w -> w.withReplicasAndCpu(replicas, cpuCores));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight) {
    return apply(action, model, "deploy candidate " + version + " at " + weight + "%", w -> w.withCandidate(version, weight));
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weight) {
    return apply(action, model, "candidate weight " + weight + "%", w -> {
      if (!w.hasCandidate()) {
        throw new IllegalStateException(model + " has no candidate to weigh");
      }
      return w.withCandidate(w.candidateVersion(), weight);
    });
  }

  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return apply(action, model, "promote candidate", w -> {
      if (!w.hasCandidate()) {
        throw new IllegalStateException(model + " has no candidate to promote");
      }
      return w.withStable(w.candidateVersion()).withCandidate(null, 0);
    });
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return apply(action, model, "remove candidate", w -> w.withCandidate(null, 0));
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    return apply(action, model, "serve " + version, w -> w.withStable(version).withCandidate(null, 0));
  }

  private synchronized CompletionStage<Workload> apply(
      ActionId action, ModelName model, String what, UnaryOperator<Workload> change) {
    Workload done = applied.get(action);
    if (done != null) {
      duplicateRequests++;
      return CompletableFuture.completedFuture(done);
    }
    Workload current = workloads.get(model);
    if (current == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no workload serves model " + model));
    }
    Workload next;
    try {
      next = change.apply(current);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    workloads.put(model, next);
    applied.put(action, next);
    log.add(new AppliedAction(action, model, what));
    return CompletableFuture.completedFuture(next);
  }
}
