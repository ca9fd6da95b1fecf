package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.policy.RolloutPolicy;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the optimizer plans a deployment from.
 *
 * @param now the deployment as the policy would do it now: the policy's strategy, the current CPU
 *     per replica (known, more than zero), and the current hour, day and fleet load. Its steps are
 *     not read: they follow from the strategy and {@code policyCanaryWeights}
 * @param at the moment of planning
 * @param urgent a degradation triggered the rollout: users are hurting, so it is never delayed
 * @param policyCanaryWeights the policy's canary weights, e.g. [20, 50, 100]; empty when the policy is
 *     blue-green
 * @param cpu what the model's usage asks for; {@link CpuRecommendation#none()} when not known
 * @param fleet the fleet's load by hour
 * @param maxCpuCores the policy's cap on CPU per replica
 * @param maxDelay the longest the rollout may wait for a better moment
 */
public record PlanRequest(
    DeploymentFeatures now,
    Instant at,
    boolean urgent,
    List<Integer> policyCanaryWeights,
    CpuRecommendation cpu,
    FleetLoadProfile fleet,
    double maxCpuCores,
    Duration maxDelay) {

  public PlanRequest {
    require(now != null, "now", null, "the deployment's features as the policy would plan it now");
    require(at != null, "at", null, "the moment of planning");
    require(policyCanaryWeights != null, "policyCanaryWeights", null,
        "the policy's canary weights, empty for blue-green");
    policyCanaryWeights = List.copyOf(policyCanaryWeights);
    if (now.strategy() == Strategy.CANARY) {
      require(RolloutPolicy.areValidSteps(policyCanaryWeights), "policyCanaryWeights", policyCanaryWeights,
          "for a canary policy: " + RolloutPolicy.STEPS_RULE);
    } else {
      require(policyCanaryWeights.isEmpty(), "policyCanaryWeights", policyCanaryWeights,
          "for a " + now.strategy() + " policy: none");
    }
    require(Double.isFinite(now.cpuCores()) && now.cpuCores() > 0, "now.cpuCores", now.cpuCores(),
        "the current CPU per replica, more than 0");
    require(cpu != null, "cpu", null, "a recommendation, or CpuRecommendation.none()");
    require(fleet != null, "fleet", null, "a load profile, or FleetLoadProfile.empty()");
    require(Double.isFinite(maxCpuCores) && maxCpuCores >= CpuRecommendation.MIN_CORES, "maxCpuCores", maxCpuCores,
        CpuRecommendation.MIN_CORES + " or more");
    require(maxDelay != null && !maxDelay.isNegative(), "maxDelay", maxDelay, "zero or more");
  }

  /**
   * The CPU per replica the model's usage asks for: the recommendation's target, never below its
   * lower bound nor {@link CpuRecommendation#MIN_CORES}, at most {@link #maxCpuCores}; without a
   * recommendation, the current CPU (at most the cap). The optimizer starts from it.
   */
  public double usageBasedCores() {
    if (!cpu.present()) {
      return Math.min(maxCpuCores, now.cpuCores());
    }
    double cores = Math.max(CpuRecommendation.MIN_CORES, Math.max(cpu.targetCores(), cpu.lowerBoundCores()));
    return Math.min(maxCpuCores, roundedUp(cores));
  }

  /** Up to the next 10 millicores: what a resource request says, and a figure a person can read. */
  static double roundedUp(double cores) {
    return Math.ceil(cores * 100 - 1e-9) / 100;
  }

  /** Where {@link #usageBasedCores()} comes from, for reasons: "usage-based 0.80 cores" or "current 1.00 core". */
  String usageBasedLabel() {
    return (cpu.present() ? "usage-based " : "current ") + PlanPhrases.cores(usageBasedCores());
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(field + " was " + value + ", allowed is " + allowed);
    }
  }
}
