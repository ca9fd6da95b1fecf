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
 * @param strategy canary or blue-green
 * @param canaryWeights the canary's traffic percentages step by step, ending at 100; empty for blue-green
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
    String decision = asked == Strategy.CANARY ? "canary " + weights + " %" : "blue-green";
    PlanPart part = new PlanPart(decision, why + " (the plan had chosen " + strategyPart.decision() + ": "
        + strategyPart.reason() + ")", 1.0, strategyPart.predictedDurationSeconds(), strategyPart.predictedRisk());
    return new DeploymentPlan(asked, asked == Strategy.CANARY ? weights : List.of(), plannedAt, startAt, cpuCores,
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

  /** Analysis steps of the rollout: one per canary weight, one for blue-green's preview. */
  public int steps() {
    return strategy == Strategy.CANARY ? canaryWeights.size() : 1;
  }
}
