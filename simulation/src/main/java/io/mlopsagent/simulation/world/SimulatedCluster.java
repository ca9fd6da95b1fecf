package io.mlopsagent.simulation.world;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A cluster in memory: one workload per model, changed by actions that each apply at most once
 * (a repeated action id answers the workload without changing it again). Changes to the workload
 * take effect at once, but a candidate's pods become ready only when the {@link DeploymentTruth}
 * says (or never, for a deployment that fails), and the API itself can fail ({@link ApiFaults}).
 */
public final class SimulatedCluster implements ClusterActuator {

  /** One applied change, for reports and tests. */
  public record AppliedAction(ActionId id, ModelName model, String what) {}

  /** What kind of change an action made. */
  public enum Change { SCALE, DEPLOY_CANDIDATE, CANDIDATE_WEIGHT, PROMOTE, REMOVE_CANDIDATE, SET_STABLE }

  /** Told of every change applied, in observation time; must not block. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (at, model, change, before, after) -> { };

    void applied(Instant at, ModelName model, Change change, Workload before, Workload after);
  }

  /** Whether a call to the cluster's API fails (a 500, a timeout): the Kubernetes API errors fault. */
  @FunctionalInterface
  public interface ApiFaults {
    ApiFaults NONE = (model, call, at) -> false;

    /** @param call the action id, or {@code "read"} for a read */
    boolean fails(ModelName model, String call, Instant at);
  }

  /** When a candidate's pods become ready. */
  @FunctionalInterface
  public interface DeploymentTruth {
    DeploymentTruth INSTANT = (model, version, at, cpuCores) -> Optional.of(at);

    /**
     * The moment a candidate deployed at {@code at}, its pods requesting {@code cpuCores} each, is
     * ready; empty when its pods never become ready.
     */
    Optional<Instant> readyAt(ModelName model, String version, Instant at, double cpuCores);
  }

  private record Candidate(String version, Instant deployedAt, Instant readyAt, double cpuCores) {}

  private final Supplier<Instant> now;
  private final Map<ModelName, Workload> workloads = new HashMap<>();
  private final Map<ModelName, Candidate> candidates = new HashMap<>();
  private final Map<ActionId, Workload> applied = new HashMap<>();
  private final List<AppliedAction> log = new ArrayList<>();
  private DeploymentTruth truth = DeploymentTruth.INSTANT;
  private ApiFaults apiFaults = ApiFaults.NONE;
  private Listener listener = Listener.NONE;
  private int duplicateRequests;
  private int failedCalls;

  /** A cluster whose deployments are ready at once and whose API never fails. */
  public SimulatedCluster() {
    this(() -> Instant.EPOCH);
  }

  /** @param now observation time, for readiness and API faults */
  public SimulatedCluster(Supplier<Instant> now) {
    this.now = now;
  }

  public synchronized void groundTruth(DeploymentTruth deployments, ApiFaults api) {
    this.truth = deployments;
    this.apiFaults = api;
  }

  public synchronized void listen(Listener newListener) {
    this.listener = newListener;
  }

  public synchronized void deploy(Workload workload) {
    workloads.put(workload.model(), workload);
  }

  public synchronized Optional<Workload> current(ModelName model) {
    return Optional.ofNullable(workloads.get(model));
  }

  /** Whether the model's candidate has ready pods at {@code at} (false without a candidate). */
  public synchronized boolean candidateReady(ModelName model, Instant at) {
    Candidate c = candidates.get(model);
    return c != null && c.readyAt() != null && !at.isBefore(c.readyAt());
  }

  public synchronized List<AppliedAction> appliedActions() {
    return List.copyOf(log);
  }

  /** How often an action id was asked for again after it had been applied. */
  public synchronized int duplicateRequests() {
    return duplicateRequests;
  }

  /** Calls refused by injected API faults. */
  public synchronized int failedCalls() {
    return failedCalls;
  }

  @Override
  public synchronized CompletionStage<Optional<Workload>> workload(ModelName model) {
    if (apiFaults.fails(model, "read", now.get())) {
      failedCalls++;
      return CompletableFuture.failedFuture(apiError(model));
    }
    return CompletableFuture.completedFuture(current(model));
  }

  @Override
  public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
    return apply(action, model, Change.SCALE, "scale to " + replicas + " x " + cpuCores + " cores",
        w -> w.withReplicasAndCpu(replicas, cpuCores));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight) {
    return deployCandidate(action, model, version, weight, io.mlopsagent.actors.ports.TrafficSplit.CLUSTER_DEFAULT, 0);
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight,
      io.mlopsagent.actors.ports.TrafficSplit split, double cpuCores) {
    Workload serving = current(model).orElse(null);
    boolean sized = cpuCores > 0 && serving != null && cpuCores != serving.cpuCores();
    return apply(action, model, Change.DEPLOY_CANDIDATE, "deploy candidate " + version + " at " + weight + "%"
        + (sized ? " with " + cpuCores + " cores a replica" : ""), w -> w.withCandidate(version, weight), cpuCores);
  }

  /** CPU each of the candidate's pods requests, 0 without a candidate. */
  public synchronized double candidateCpuCores(ModelName model) {
    Candidate c = candidates.get(model);
    return c == null ? 0 : c.cpuCores();
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weight) {
    return apply(action, model, Change.CANDIDATE_WEIGHT, "candidate weight " + weight + "%", w -> {
      if (!w.hasCandidate()) {
        throw new IllegalStateException(model + " has no candidate to weigh");
      }
      return w.withCandidate(w.candidateVersion(), weight);
    });
  }

  /**
   * A rolling update's batch. Here traffic follows the share of pods, so the candidate's weight is
   * the batch's percentage: the first batch deploys it (its pods' readiness drawn from the ground
   * truth, as for any candidate), later ones move its share.
   */
  @Override
  public CompletionStage<Workload> replacePods(ActionId action, ModelName model, String version, int percent,
      double cpuCores) {
    boolean first = current(model).map(w -> !version.equals(w.candidateVersion())).orElse(true);
    if (first) {
      Workload serving = current(model).orElse(null);
      boolean sized = cpuCores > 0 && serving != null && cpuCores != serving.cpuCores();
      return apply(action, model, Change.DEPLOY_CANDIDATE, "rolling: " + version + " on " + percent + "% of pods"
          + (sized ? " with " + cpuCores + " cores a replica" : ""), w -> w.withCandidate(version, percent), cpuCores);
    }
    return apply(action, model, Change.CANDIDATE_WEIGHT, "rolling: " + version + " on " + percent + "% of pods",
        w -> w.withCandidate(version, percent));
  }

  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return apply(action, model, Change.PROMOTE, "promote candidate", w -> {
      if (!w.hasCandidate()) {
        throw new IllegalStateException(model + " has no candidate to promote");
      }
      return w.withStable(w.candidateVersion()).withCandidate(null, 0);
    });
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return apply(action, model, Change.REMOVE_CANDIDATE, "remove candidate", w -> w.withCandidate(null, 0));
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    return apply(action, model, Change.SET_STABLE, "serve " + version,
        w -> w.withStable(version).withCandidate(null, 0));
  }

  /**
   * Applies the change under the lock and tells the listener after it is released: a listener that
   * reads the cluster again (a scorekeeper does) must not meet a lock this thread holds.
   */
  private CompletionStage<Workload> apply(
      ActionId action, ModelName model, Change kind, String what, UnaryOperator<Workload> change) {
    return apply(action, model, kind, what, change, 0);
  }

  /** @param candidateCores CPU a newly deployed candidate's pods request; 0 or less: the stable's */
  private CompletionStage<Workload> apply(ActionId action, ModelName model, Change kind, String what,
      UnaryOperator<Workload> change, double candidateCores) {
    Instant at = now.get();
    Workload before;
    Workload next;
    Listener told;
    synchronized (this) {
      before = workloads.get(model);
      CompletionStage<Workload> refused = refuse(action, model, at);
      if (refused != null) {
        return refused;
      }
      try {
        next = change.apply(before);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      workloads.put(model, next);
      applied.put(action, next);
      log.add(new AppliedAction(action, model, what));
      trackCandidate(model, next, at, candidateCores > 0 ? candidateCores : next.cpuCores());
      told = listener;
    }
    told.applied(at, model, kind, before, next);
    return CompletableFuture.completedFuture(next);
  }

  /** The answer to an action that changes nothing (applied before, API fault, no workload); null to go on. */
  private CompletionStage<Workload> refuse(ActionId action, ModelName model, Instant at) {
    Workload done = applied.get(action);
    if (done != null) {
      duplicateRequests++;
      return CompletableFuture.completedFuture(done);
    }
    if (apiFaults.fails(model, action.value(), at)) {
      failedCalls++;
      return CompletableFuture.failedFuture(apiError(model));
    }
    if (!workloads.containsKey(model)) {
      return CompletableFuture.failedFuture(new IllegalStateException("no workload serves model " + model));
    }
    return null;
  }

  private void trackCandidate(ModelName model, Workload next, Instant at, double cores) {
    if (!next.hasCandidate()) {
      candidates.remove(model);
      return;
    }
    Candidate c = candidates.get(model);
    if (c == null || !c.version().equals(next.candidateVersion())) {
      Instant ready = truth.readyAt(model, next.candidateVersion(), at, cores).orElse(null);
      candidates.put(model, new Candidate(next.candidateVersion(), at, ready, cores));
    }
  }

  private static IllegalStateException apiError(ModelName model) {
    return new IllegalStateException("Kubernetes API error for " + model + ": 500 Internal Server Error (simulated)");
  }
}
