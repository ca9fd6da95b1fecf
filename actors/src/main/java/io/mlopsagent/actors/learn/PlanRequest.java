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
 *     blue-green or rolling
 * @param cpu what the model's usage asks for; {@link CpuRecommendation#none()} when not known
 * @param fleet the fleet's load by hour
 * @param maxCpuCores the policy's cap on CPU per replica
 * @param maxDelay the longest the rollout may wait for a better moment
 * @param rollingBatches the batches a rolling update would take under the policy (its max surge),
 *     e.g. [25, 50, 75, 100]: the rolling option's, whatever the policy's own strategy
 * @param analysedStepSeconds how long one analysed step (a canary's, a blue-green preview's) takes
 *     once the new version answers: the policy's measurements per step times the observation
 *     interval; NaN when not known
 * @param rollingBatchSeconds how long a rolling batch's health check takes (one reading: the
 *     observation interval); NaN when not known
 */
public record PlanRequest(
    DeploymentFeatures now,
    Instant at,
    boolean urgent,
    List<Integer> policyCanaryWeights,
    CpuRecommendation cpu,
    FleetLoadProfile fleet,
    double maxCpuCores,
    Duration maxDelay,
    List<Integer> rollingBatches,
    double analysedStepSeconds,
    double rollingBatchSeconds) {

  /** The batches of a rolling update at Kubernetes' default max surge, a quarter of the pods. */
  public static final List<Integer> DEFAULT_ROLLING_BATCHES = List.of(25, 50, 75, 100);

  /** A request whose rolling option takes Kubernetes' default batches. */
  public PlanRequest(DeploymentFeatures now, Instant at, boolean urgent, List<Integer> policyCanaryWeights,
      CpuRecommendation cpu, FleetLoadProfile fleet, double maxCpuCores, Duration maxDelay) {
    this(now, at, urgent, policyCanaryWeights, cpu, fleet, maxCpuCores, maxDelay, DEFAULT_ROLLING_BATCHES,
        now != null && now.strategy() != Strategy.ROLLING ? now.analysisSecondsPerStep() : Double.NaN,
        now != null && now.strategy() == Strategy.ROLLING ? now.analysisSecondsPerStep() : Double.NaN);
  }

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
    require(rollingBatches != null && RolloutPolicy.areValidSteps(rollingBatches), "rollingBatches", rollingBatches,
        "shares of pods that " + RolloutPolicy.STEPS_RULE);
    rollingBatches = List.copyOf(rollingBatches);
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

  /** How long one step of {@code strategy} takes to check, beyond the new version's start; NaN when not known. */
  double stepSeconds(Strategy strategy) {
    return strategy == Strategy.ROLLING ? rollingBatchSeconds : analysedStepSeconds;
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
