package io.mlopsagent.actors.decide;

import io.mlopsagent.actors.detect.DetectionStep;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.actors.rollout.Rollout;
import java.time.Instant;
import io.mlopsagent.actors.detect.Signal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the decider may look at for one window of one model. Plain data, assembled by the
 * entity from its state; the decider reads no clock and calls no port.
 *
 * @param workload what the cluster runs, {@code null} until the entity has learned it
 * @param rollout the current or last rollout, {@code null} if none
 * @param lastPromotion the newest promotion still relevant for a rollback, {@code null} if none
 * @param recentActions when this model's last actions were taken (newest last)
 * @param lastRetrainAt when retraining was last requested, {@code null} if never
 * @param rejectedVersions versions that failed a rollout or were rolled back: never tried again
 * @param lastDetected when each degradation was last reported, so a flapping signal is reported
 *     once per cooldown rather than at every new streak
 * @param weeklyPeakCores the most CPU, in cores, the model used in an hour of the last week (0 when
 *     not known): what a scale-in must still serve
 */
public record DecisionContext(
    ModelName model,
    Instant at,
    Policy policy,
    DetectionStep step,
    Workload workload,
    Rollout rollout,
    Promotion lastPromotion,
    List<Instant> recentActions,
    Instant lastRetrainAt,
    Set<String> rejectedVersions,
    Map<Signal, Instant> lastDetected,
    double weeklyPeakCores) {

  /** A context without a week of CPU history. */
  public DecisionContext(ModelName model, Instant at, Policy policy, DetectionStep step, Workload workload,
      Rollout rollout, Promotion lastPromotion, List<Instant> recentActions, Instant lastRetrainAt,
      Set<String> rejectedVersions, Map<Signal, Instant> lastDetected) {
    this(model, at, policy, step, workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions,
        lastDetected, 0);
  }

  public DecisionContext {
    recentActions = List.copyOf(recentActions);
    rejectedVersions = Set.copyOf(rejectedVersions);
    lastDetected = lastDetected == null ? Map.of() : Map.copyOf(lastDetected);
  }

  /** A promotion: {@code version} replaced {@code previousVersion} at {@code at}. */
  public record Promotion(Instant at, String version, String previousVersion)
      implements io.mlopsagent.persistence.CborSerializable {}

  public boolean rolloutInProgress() {
    return rollout != null && !rollout.isTerminal();
  }
}
