package io.mlopsagent.actors.learn;

import java.time.Duration;

/**
 * What a rollout's plan depends on beyond the model's own state, taken at the moment of the
 * decision (and journaled with it through the plan and its features).
 *
 * @param model the learner's model; plans fall back to rules when it is not trusted
 * @param fleetLoad the fleet's load now, NaN while not measured
 * @param concurrentRollouts rollouts in progress in the fleet
 * @param maxDelay how far a rollout may be put off; zero: start now or not at all
 * @param learningEnabled false when the agent runs on rules alone ({@code mlops.learner.enabled})
 */
public record PlanningInputs(LearnedModel model, FleetLoadProfile fleet, double fleetLoad, int concurrentRollouts,
    Duration maxDelay, boolean learningEnabled) {

  /** Rules only, nothing known of the fleet, no delays: what a replay of old journals plans with. */
  public static PlanningInputs rulesOnly() {
    return new PlanningInputs(LearnedModel.none(), FleetLoadProfile.empty(), Double.NaN, 0, Duration.ZERO, false);
  }

  /** The same inputs, without the freedom to put the rollout off. */
  public PlanningInputs now() {
    return new PlanningInputs(model, fleet, fleetLoad, concurrentRollouts, Duration.ZERO, learningEnabled);
  }
}
