package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.rollout.Strategy;
import io.mlopsagent.persistence.CborSerializable;
import java.util.List;

/**
 * What is known about a deployment before it starts: the model, the moment, and the plan. The
 * learner predicts duration and risk from these; the optimizer varies the plan's part (strategy,
 * steps, CPU) and the moment to find the best one.
 *
 * @param sizeMb size of the version's artifact (NaN when the registry does not say)
 * @param complexity compute per request, 0.1 to 10 (NaN when not known)
 * @param accuracy the serving version's accuracy in the latest window
 * @param latencyP95Seconds the serving version's p95 latency in the latest window
 * @param replicas replicas serving the model
 * @param cpuCores CPU each of the new version's replicas requests (the plan's resources)
 * @param hourOfDay 0..23, UTC
 * @param dayOfWeek 1 (Monday) .. 7
 * @param fleetLoad the fleet's traffic as a share of its usual peak, 0..~1.5
 * @param concurrentRollouts rollouts in progress in the fleet when this one starts
 * @param strategy canary, blue-green or rolling (two 0/1 features, {@code blue_green} and
 *     {@code rolling}: a canary is neither)
 * @param steps analysis steps (canary weights, rolling batches; 1 for blue-green)
 * @param analysisSecondsPerStep how long one step's analysis takes once the new version answers
 *     (the policy's measurements per step times the observation interval); NaN when not known.
 *     Not a feature the forests see: the part of a duration it explains is known, not learned, so
 *     a plan with fewer steps than any deployment so far is still predicted right.
 * @param servingCpuCores CPU each replica of the serving version requested when the deployment was
 *     planned: the model's own resources, where {@code cpuCores} is the plan's. Kept with every
 *     outcome so a rollout that changed the resources shows by how much; not a feature the forests
 *     see (the new pods run on the plan's CPU, which is). 0 or NaN when not known (journals from
 *     before it).
 */
public record DeploymentFeatures(
    double sizeMb,
    double complexity,
    double accuracy,
    double latencyP95Seconds,
    int replicas,
    double cpuCores,
    int hourOfDay,
    int dayOfWeek,
    double fleetLoad,
    int concurrentRollouts,
    Strategy strategy,
    int steps,
    double analysisSecondsPerStep,
    double servingCpuCores) implements CborSerializable {

  /** Feature names, in the order of {@link #toArray()}. */
  public static final List<String> NAMES = List.of("size_mb", "complexity", "accuracy", "latency_p95_seconds",
      "replicas", "cpu_cores", "hour_of_day", "day_of_week", "fleet_load", "concurrent_rollouts",
      "blue_green", "steps", "rolling");

  /** Features whose serving CPU is the plan's (tests, generated outcomes). */
  public DeploymentFeatures(double sizeMb, double complexity, double accuracy, double latencyP95Seconds, int replicas,
      double cpuCores, int hourOfDay, int dayOfWeek, double fleetLoad, int concurrentRollouts, Strategy strategy,
      int steps, double analysisSecondsPerStep) {
    this(sizeMb, complexity, accuracy, latencyP95Seconds, replicas, cpuCores, hourOfDay, dayOfWeek, fleetLoad,
        concurrentRollouts, strategy, steps, analysisSecondsPerStep, cpuCores);
  }

  /** Features without the analysis time per step (journals from before it; tests). */
  public DeploymentFeatures(double sizeMb, double complexity, double accuracy, double latencyP95Seconds, int replicas,
      double cpuCores, int hourOfDay, int dayOfWeek, double fleetLoad, int concurrentRollouts, Strategy strategy,
      int steps) {
    this(sizeMb, complexity, accuracy, latencyP95Seconds, replicas, cpuCores, hourOfDay, dayOfWeek, fleetLoad,
        concurrentRollouts, strategy, steps, Double.NaN, cpuCores);
  }

  public DeploymentFeatures {
    if (strategy == null) {
      throw new IllegalArgumentException("strategy was null, allowed are " + List.of(Strategy.values()));
    }
    if (hourOfDay < 0 || hourOfDay > 23) {
      throw new IllegalArgumentException("hourOfDay was " + hourOfDay + ", allowed is 0..23");
    }
    if (dayOfWeek < 1 || dayOfWeek > 7) {
      throw new IllegalArgumentException("dayOfWeek was " + dayOfWeek + ", allowed is 1..7");
    }
  }

  /**
   * The features as a vector for a learning library. Unknown values (NaN) become -1, a value no
   * real feature takes, so trees can split them off rather than fail on them.
   */
  public double[] toArray() {
    return new double[] {known(sizeMb), known(complexity), known(accuracy), known(latencyP95Seconds), replicas,
        known(cpuCores), hourOfDay, dayOfWeek, known(fleetLoad), concurrentRollouts,
        strategy == Strategy.BLUE_GREEN ? 1 : 0, steps, strategy == Strategy.ROLLING ? 1 : 0};
  }

  /** The same deployment with another plan. */
  public DeploymentFeatures withPlan(Strategy newStrategy, int newSteps, double newCpuCores) {
    return new DeploymentFeatures(sizeMb, complexity, accuracy, latencyP95Seconds, replicas, newCpuCores, hourOfDay,
        dayOfWeek, fleetLoad, concurrentRollouts, newStrategy, newSteps, analysisSecondsPerStep, servingCpuCores);
  }

  /** The same deployment whose steps each take {@code seconds} to check (NaN: not known). */
  public DeploymentFeatures withAnalysisSecondsPerStep(double seconds) {
    return new DeploymentFeatures(sizeMb, complexity, accuracy, latencyP95Seconds, replicas, cpuCores, hourOfDay,
        dayOfWeek, fleetLoad, concurrentRollouts, strategy, steps, seconds, servingCpuCores);
  }

  /** The same deployment started at another moment, when the fleet's load is {@code load}. */
  public DeploymentFeatures at(int newHourOfDay, int newDayOfWeek, double load) {
    return new DeploymentFeatures(sizeMb, complexity, accuracy, latencyP95Seconds, replicas, cpuCores, newHourOfDay,
        newDayOfWeek, load, concurrentRollouts, strategy, steps, analysisSecondsPerStep, servingCpuCores);
  }

  /** The analysis time the plan itself sets: its steps times the time per step; 0 when not known. */
  public double analysisSeconds() {
    return Double.isFinite(analysisSecondsPerStep) && analysisSecondsPerStep > 0 ? steps * analysisSecondsPerStep : 0;
  }

  private static double known(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? -1 : v;
  }
}
