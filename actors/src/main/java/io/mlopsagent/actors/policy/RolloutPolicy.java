package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a new version of a model is rolled out. Built and checked by {@link PolicyLoader}.
 *
 * @param strategy canary, blue-green or rolling
 * @param canarySteps percentages of traffic on the new version, step by step, ending at 100
 * @param measurementsPerStep analysis measurements taken at each step before it passes
 * @param rollbackWindow an error-rate spike within this observation time after a rollout rolls it back
 * @param upgradeCheckInterval how often a healthy model's registry is checked for a version that
 *     validates better than the one serving, which is then rolled out; zero: only when degraded
 * @param trafficSplit how a canary's share of traffic is given (replicas or Gateway API weights)
 * @param optimizedTag registry tag of the versions the agent rolls out
 * @param progressDeadline how long a new version may take to report its first metrics (its pods
 *     becoming ready) before its rollout is aborted; waiting for it is not an analysis error
 * @param rollingMaxSurge for a rolling update, the share of the model's pods (percent, 1..100)
 *     replaced in each batch: new pods are added before as many old ones go (Kubernetes'
 *     {@code maxSurge}, with {@code maxUnavailable} 0)
 */
public record RolloutPolicy(
    RolloutStrategy strategy,
    List<Integer> canarySteps,
    int measurementsPerStep,
    Duration rollbackWindow,
    String optimizedTag,
    Duration upgradeCheckInterval,
    io.mlopsagent.actors.ports.TrafficSplit trafficSplit,
    Duration progressDeadline,
    int rollingMaxSurge) implements CborSerializable {

  /** What a policy without the setting (and a journal from before it) gets: Argo's default is 10m. */
  public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(30);
  /** Kubernetes' default {@code maxSurge}: a quarter of the pods at a time. */
  public static final int DEFAULT_ROLLING_MAX_SURGE = 25;

  public RolloutPolicy(RolloutStrategy strategy, List<Integer> canarySteps, int measurementsPerStep,
      Duration rollbackWindow, String optimizedTag, Duration upgradeCheckInterval,
      io.mlopsagent.actors.ports.TrafficSplit trafficSplit, Duration progressDeadline) {
    this(strategy, canarySteps, measurementsPerStep, rollbackWindow, optimizedTag, upgradeCheckInterval,
        trafficSplit, progressDeadline, DEFAULT_ROLLING_MAX_SURGE);
  }

  public RolloutPolicy(RolloutStrategy strategy, List<Integer> canarySteps, int measurementsPerStep,
      Duration rollbackWindow, String optimizedTag, Duration upgradeCheckInterval,
      io.mlopsagent.actors.ports.TrafficSplit trafficSplit) {
    this(strategy, canarySteps, measurementsPerStep, rollbackWindow, optimizedTag, upgradeCheckInterval,
        trafficSplit, DEFAULT_PROGRESS_DEADLINE);
  }

  /** A rollout policy that leaves the traffic split to the cluster adapter's configuration. */
  public RolloutPolicy(RolloutStrategy strategy, List<Integer> canarySteps, int measurementsPerStep,
      Duration rollbackWindow, String optimizedTag, Duration upgradeCheckInterval) {
    this(strategy, canarySteps, measurementsPerStep, rollbackWindow, optimizedTag, upgradeCheckInterval,
        io.mlopsagent.actors.ports.TrafficSplit.CLUSTER_DEFAULT);
  }

  /** What {@link #areValidSteps} allows, phrased for an error message. */
  public static final String STEPS_RULE = "steps must increase strictly from 1 to 100, ending at 100";

  public RolloutPolicy {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(rollbackWindow, "rollbackWindow");
    Objects.requireNonNull(optimizedTag, "optimizedTag");
    // Journals written before this setting existed carry no value: off, as it was then.
    upgradeCheckInterval = upgradeCheckInterval == null ? Duration.ZERO : upgradeCheckInterval;
    trafficSplit = trafficSplit == null ? io.mlopsagent.actors.ports.TrafficSplit.CLUSTER_DEFAULT : trafficSplit;
    progressDeadline = progressDeadline == null ? DEFAULT_PROGRESS_DEADLINE : progressDeadline;
    // Journals written before rolling updates existed carry 0: Kubernetes' default.
    rollingMaxSurge = rollingMaxSurge == 0 ? DEFAULT_ROLLING_MAX_SURGE : rollingMaxSurge;
    if (rollingMaxSurge < 1 || rollingMaxSurge > 100) {
      throw new IllegalArgumentException("rolling max surge " + rollingMaxSurge + " %: allowed is 1..100");
    }
    canarySteps = List.copyOf(canarySteps);
    if (!areValidSteps(canarySteps)) {
      throw new IllegalArgumentException("canary steps " + canarySteps + ": " + STEPS_RULE);
    }
  }

  /** The cumulative shares of pods on the new version after each batch of a rolling update. */
  public List<Integer> rollingBatches() {
    return io.mlopsagent.actors.rollout.RolloutSpec.rollingBatches(rollingMaxSurge);
  }

  /** Whether percentages go up strictly within 1..100 and reach 100, so a rollout always completes. */
  public static boolean areValidSteps(List<Integer> steps) {
    if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
      return false;
    }
    int previous = 0;
    for (int step : steps) {
      if (step <= previous || step > 100) {
        return false;
      }
      previous = step;
    }
    return true;
  }
}
