package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.rollout.RolloutStatus;
import java.time.Duration;

/**
 * When a journaled decision ends a deployment, the outcome the learner learns from: a promotion
 * or an abort ends the rollout in progress; a rollback soon after a promotion turns that promotion
 * into a failure (the same rollout id, so the learner keeps only the later verdict).
 */
final class DeploymentOutcomes {
  private DeploymentOutcomes() {}

  /**
   * The outcome {@code d} ends, given the state after it, or {@code null}.
   *
   * @param before the memory before the decision (a rollback reads the promotion it undoes there)
   */
  static DeploymentOutcome endedBy(String model, Decision d, DeploymentMemory before, ModelState after) {
    if (d instanceof Decisions.RolledBack r) {
      DeploymentOutcome promoted = before.lastPromoted();
      if (promoted == null || !promoted.version().equals(r.fromVersion())) {
        return null;
      }
      return new DeploymentOutcome(promoted.model(), promoted.rolloutId(), promoted.version(), promoted.startedAt(),
          promoted.endedAt(), promoted.features(), DeploymentOutcome.Result.ROLLED_BACK, promoted.durationSeconds(),
          promoted.sloViolationMinutes());
    }
    DeploymentMemory.InFlight f = after.deployments().current();
    if (f == null || after.rolloutInProgress() || after.rollout() == null
        || !after.rollout().id().equals(f.rolloutId())) {
      return null;
    }
    java.time.Instant end = after.rollout().endedAt() != null ? after.rollout().endedAt() : d.info().at();
    DeploymentOutcome.Result result = after.rollout().status() == RolloutStatus.PROMOTED
        ? DeploymentOutcome.Result.PROMOTED : DeploymentOutcome.Result.ABORTED;
    return new DeploymentOutcome(model, f.rolloutId(), f.version(), f.startedAt(), end, f.features(), result,
        Math.max(0, Duration.between(f.startedAt(), end).toMillis() / 1000.0), f.sloViolationMinutes());
  }
}
