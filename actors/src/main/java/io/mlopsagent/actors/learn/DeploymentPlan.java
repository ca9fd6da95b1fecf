package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.rollout.Strategy;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How to deploy a new version: strategy, moment and CPU per replica, each part with its reason, and
 * whether the seed's rules or the learned model chose them. Journaled inside a decision and shown by
 * the admin API as it is.
 *
 * @param strategy canary, blue-green or rolling
 * @param canaryWeights the canary's traffic percentages step by step, ending at 100 (a rolling
 *     update's batches, as shares of pods); empty for blue-green
 * @param plannedAt when the plan was made
 * @param startAt when the rollout should start; {@code plannedAt} for now
 * @param cpuCores CPU each of the new version's replicas requests
 * @param learned whether the learned model chose (else the rules)
 * @param basis why the rules or the model chose, e.g. "rules: 7 outcomes, below the 10 needed"
 * @param predicted duration and risk of this plan: the model's, or the rules' estimate of the
 *     duration with the risk NaN
 */
public record DeploymentPlan(
    Strategy strategy,
    List<Integer> canaryWeights,
    Instant plannedAt,
    Instant startAt,
    double cpuCores,
    PlanPart strategyPart,
    PlanPart startPart,
    PlanPart resourcesPart,
    boolean learned,
    String basis,
    Prediction predicted) implements CborSerializable {

  public DeploymentPlan {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(plannedAt, "plannedAt");
    Objects.requireNonNull(startAt, "startAt");
    canaryWeights = canaryWeights == null ? List.of() : List.copyOf(canaryWeights);
  }

  /**
   * This plan with the strategy someone asked for instead of the one chosen; the prediction stays
   * that of the chosen plan, and the strategy's reason says so.
   */
  public DeploymentPlan withStrategy(Strategy asked, List<Integer> weights, String why) {
    if (asked == strategy) {
      return this;
    }
    String decision = describe(asked, weights);
    PlanPart part = new PlanPart(decision, why + " (the plan had chosen " + strategyPart.decision() + ": "
        + strategyPart.reason() + ")", 1.0, strategyPart.predictedDurationSeconds(), strategyPart.predictedRisk());
    return new DeploymentPlan(asked, asked == Strategy.BLUE_GREEN ? List.of() : weights, plannedAt, startAt, cpuCores,
        part, startPart, resourcesPart, learned, basis, predicted);
  }

  /** This plan starting now, for {@code why} (someone outside chose the moment). */
  public DeploymentPlan startingNow(String why) {
    PlanPart part = new PlanPart("now", why, 1.0, startPart.predictedDurationSeconds(), startPart.predictedRisk());
    return new DeploymentPlan(strategy, canaryWeights, plannedAt, plannedAt, cpuCores, strategyPart, part,
        resourcesPart, learned, basis, predicted);
  }

  /** Whether the rollout waits for a later moment. */
  public boolean delayed() {
    return startAt.isAfter(plannedAt);
  }

  /** Analysis steps of the rollout: one per canary weight or rolling batch, one for blue-green's preview. */
  public int steps() {
    return strategy == Strategy.BLUE_GREEN ? 1 : canaryWeights.size();
  }

  /** The strategy and its steps as people read them: "canary [10, 50, 100] %", "rolling [25, 50, 75, 100] % of pods". */
  public static String describe(Strategy strategy, List<Integer> weights) {
    return switch (strategy) {
      case CANARY -> "canary " + weights + " %";
      case ROLLING -> "rolling " + weights + " % of pods";
      case BLUE_GREEN -> "blue-green";
    };
  }
}
