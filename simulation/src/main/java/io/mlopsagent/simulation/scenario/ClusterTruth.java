package io.mlopsagent.simulation.scenario;

import java.time.Duration;

/**
 * How the simulated cluster really behaves when a new version is deployed — what the learner is
 * meant to discover from outcomes. A candidate's pods take
 * {@code (base + (perHundredMb * sizeMb / 100 + perComplexity * complexity) / cores^cpuExponent)
 * * (1 + loadFactor * fleetLoad)} to become ready, times log-normal noise of spread {@code noise},
 * where {@code cores} is the CPU each new pod requests (loading and warming a model is CPU-bound)
 * and fleet load is the fleet's share of its peak traffic at that moment (high in the afternoon, so
 * the hour of day matters). Until ready the candidate gets no traffic and reports no metrics. A
 * deployment fails (its pods never become ready) with probability
 * {@code failureBase + failurePerHundredMb * sizeMb / 100 + failureLoadFactor * fleetLoad}.
 *
 * @param cpuExponent how much more CPU speeds a deployment up; 0: not at all
 */
public record ClusterTruth(
    Duration base,
    Duration perHundredMb,
    Duration perComplexity,
    double loadFactor,
    double noise,
    double failureBase,
    double failurePerHundredMb,
    double failureLoadFactor,
    double cpuExponent) {

  /** Deployments that are ready at once and never fail. */
  public static final ClusterTruth INSTANT =
      new ClusterTruth(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, 0);

  /** A cluster where the CPU of the new pods does not change how long they take. */
  public ClusterTruth(Duration base, Duration perHundredMb, Duration perComplexity, double loadFactor, double noise,
      double failureBase, double failurePerHundredMb, double failureLoadFactor) {
    this(base, perHundredMb, perComplexity, loadFactor, noise, failureBase, failurePerHundredMb, failureLoadFactor, 0);
  }
}
