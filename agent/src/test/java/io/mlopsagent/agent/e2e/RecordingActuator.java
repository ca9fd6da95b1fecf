package io.mlopsagent.agent.e2e;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.actors.ports.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The real actuator with a record of what the entities asked of it: per action id, what it was,
 * how often it was asked (a second ask is the entity's retry at the next window, or a restart
 * re-asserting), and how each ask ended. Asks are passed through unchanged.
 */
final class RecordingActuator implements ClusterActuator {

  /** One action id's history: {@code what} it asked, its asks, those that succeeded, the last error. */
  static final class Asked {
    final String what;
    int asks;
    int succeeded;
    int failed;
    String lastError;

    Asked(String what) {
      this.what = what;
    }
  }

  private final ClusterActuator real;
  private final Map<String, Asked> byAction = new LinkedHashMap<>();

  RecordingActuator(ClusterActuator real) {
    this.real = real;
  }

  synchronized Map<String, Asked> actions() {
    return new LinkedHashMap<>(byAction);
  }

  synchronized int asks() {
    return byAction.values().stream().mapToInt(a -> a.asks).sum();
  }

  @Override
  public CompletionStage<Optional<Workload>> workload(ModelName model) {
    return real.workload(model);
  }

  @Override
  public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
    return record(action, "scale " + replicas, () -> real.scale(action, model, replicas, cpuCores));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight) {
    return record(action, "deploy " + version + " at " + weight, () -> real.deployCandidate(action, model, version, weight));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight,
      TrafficSplit split) {
    return record(action, "deploy " + version + " at " + weight,
        () -> real.deployCandidate(action, model, version, weight, split));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight,
      TrafficSplit split, double cpuCores) {
    return record(action, "deploy " + version + " at " + weight,
        () -> real.deployCandidate(action, model, version, weight, split, cpuCores));
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weight) {
    return record(action, "weight " + weight, () -> real.setCandidateWeight(action, model, weight));
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weight, TrafficSplit split) {
    return record(action, "weight " + weight, () -> real.setCandidateWeight(action, model, weight, split));
  }

  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return record(action, "promote", () -> real.promoteCandidate(action, model));
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return record(action, "remove candidate", () -> real.removeCandidate(action, model));
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    return record(action, "serve " + version, () -> real.setStableVersion(action, model, version));
  }

  private CompletionStage<Workload> record(ActionId action, String what, Supplier<CompletionStage<Workload>> call) {
    synchronized (this) {
      byAction.computeIfAbsent(action.value(), id -> new Asked(what)).asks++;
    }
    return call.get().whenComplete((w, error) -> {
      synchronized (this) {
        Asked a = byAction.get(action.value());
        if (error == null) {
          a.succeeded++;
        } else {
          a.failed++;
          a.lastError = String.valueOf(error.getMessage());
        }
      }
    });
  }

  /** The action ids in the order first asked. */
  synchronized List<String> ids() {
    return List.copyOf(byAction.keySet());
  }
}
