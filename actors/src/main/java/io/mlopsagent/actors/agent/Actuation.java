package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.Strategy;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What each journaled decision makes the world do. The action id derives from the decision's
 * sequence number, so performing the same decision again (a retry, a restart, another node) is
 * recognised by the cluster and applied once.
 */
final class Actuation {
  private final ModelName model;
  private final ClusterActuator cluster;
  private final ModelRegistry registry;
  private final RetrainingTrigger retraining;

  Actuation(ModelName model, ClusterActuator cluster, ModelRegistry registry, RetrainingTrigger retraining) {
    this.model = model;
    this.cluster = cluster;
    this.registry = registry;
    this.retraining = retraining;
  }

  /**
   * The port call a decision needs, if any, not yet made; recorded-only decisions need none. The
   * entity makes the call once the model's previous action has ended (see {@code ModelAgent}).
   *
   * @param split how the policy in force wants a canary's traffic given
   * @param rollout the model's rollout (in progress or the last one), or null: a step of a rolling
   *     update replaces pods where a canary's step moves traffic
   */
  Optional<Supplier<CompletionStage<?>>> action(long sequenceNr, Decision decision, TrafficSplit split,
      Rollout rollout) {
    if (!decision.info().actuated()) {
      return Optional.empty();
    }
    ActionId id = ActionId.of(model, sequenceNr);
    if (decision instanceof Decisions.RolloutStarted e) {
      if (e.rollout().spec().strategy() == Strategy.ROLLING) {
        return Optional.of(() -> cluster.replacePods(id, model, e.rollout().toVersion(),
            e.rollout().newVersionWeight(), e.cpuCores()));
      }
      return Optional.of(() -> e.cpuCores() > 0
          ? cluster.deployCandidate(id, model, e.rollout().toVersion(), e.rollout().newVersionWeight(), split,
              e.cpuCores())
          : cluster.deployCandidate(id, model, e.rollout().toVersion(), e.rollout().newVersionWeight(), split));
    }
    if (decision instanceof Decisions.CanaryStepPassed e) {
      if (e.nextWeight() == 0) {
        return Optional.empty();
      }
      if (rolling(rollout, e.rolloutId())) {
        return Optional.of(() -> cluster.replacePods(id, model, rollout.toVersion(), e.nextWeight(), 0));
      }
      return Optional.of(() -> cluster.setCandidateWeight(id, model, e.nextWeight(), split));
    }
    if (decision instanceof Decisions.RolloutPromoted e) {
      // The cluster first: the registry records what serves, not what was meant to.
      // The answer is the cluster's workload: what runs after the promotion, which the entity trusts.
      return Optional.of(() -> cluster.promoteCandidate(id, model)
          .thenCompose(w -> registry.recordPromotion(id, model, e.version()).thenApply(recorded -> w)));
    }
    if (decision instanceof Decisions.RolledBack e) {
      return Optional.of(() -> cluster.setStableVersion(id, model, e.toVersion())
          .thenCompose(w -> registry.recordPromotion(id, model, e.toVersion()).thenApply(recorded -> w)));
    }
    if (decision instanceof Decisions.RolloutAborted) {
      return Optional.of(() -> cluster.removeCandidate(id, model));
    }
    if (decision instanceof Decisions.Scaled e) {
      return Optional.of(() -> cluster.scale(id, model, e.toReplicas(), e.toCpuCores()));
    }
    if (decision instanceof Decisions.RetrainingRequested e) {
      return Optional.of(() -> retraining.requestRetraining(id, model, e.info().reason()));
    }
    return Optional.empty();
  }

  private static boolean rolling(Rollout rollout, String rolloutId) {
    return rollout != null && rollout.id().equals(rolloutId) && rollout.spec().strategy() == Strategy.ROLLING;
  }

  static String describe(Decision decision) {
    return decision.type();
  }
}
