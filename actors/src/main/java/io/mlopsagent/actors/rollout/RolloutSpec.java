package io.mlopsagent.actors.rollout;

import io.mlopsagent.actors.analysis.AnalysisMetric;
import io.mlopsagent.actors.analysis.AnalysisRun;
import io.mlopsagent.actors.analysis.AnalysisTemplate;
import io.mlopsagent.persistence.CborSerializable;
import java.util.List;
import java.util.Objects;

/**
 * How a rollout proceeds: the strategy, the canary's traffic weights (one step each; empty for
 * blue-green, which has the single preview step), and the analysis that gates every step. A
 * rolling update keeps its batches in {@code canaryWeights} (the field name is journaled): the
 * share of the model's pods running the new version after each batch, ending at 100; its analysis
 * is the health gate, one reading per batch.
 *
 * @param measurementsPerStep the count given to every analysis metric that has none, so that each
 *     step's run ends; metrics with a count of their own keep it
 */
public record RolloutSpec(
    Strategy strategy, List<Integer> canaryWeights, AnalysisTemplate analysis, int measurementsPerStep,
    java.time.Duration progressDeadline)
    implements CborSerializable {

  /** Until the new version's first metrics: how long its pods may take to become ready. */
  public static final java.time.Duration DEFAULT_PROGRESS_DEADLINE = java.time.Duration.ofMinutes(30);

  public RolloutSpec(Strategy strategy, List<Integer> canaryWeights, AnalysisTemplate analysis,
      int measurementsPerStep) {
    this(strategy, canaryWeights, analysis, measurementsPerStep, DEFAULT_PROGRESS_DEADLINE);
  }

  public RolloutSpec {
    // Rollouts journaled before the deadline existed get the default.
    progressDeadline = progressDeadline == null ? DEFAULT_PROGRESS_DEADLINE : progressDeadline;
    Objects.requireNonNull(strategy, "rollout strategy");
    Objects.requireNonNull(analysis, "rollout analysis");
    canaryWeights = canaryWeights == null ? List.of() : List.copyOf(canaryWeights);
    if (stepped(strategy)) {
      requireCanaryWeights(canaryWeights);
    } else if (!canaryWeights.isEmpty()) {
      throw new IllegalArgumentException("canaryWeights was " + canaryWeights
          + ", allowed for " + strategy + " is none: the preview gets no traffic, then all of it");
    }
    if (measurementsPerStep < 1) {
      throw new IllegalArgumentException("measurementsPerStep was " + measurementsPerStep + ", allowed is 1 or more");
    }
    for (AnalysisMetric metric : analysis.metrics()) {
      int limit = Math.max(metric.failureLimit(), metric.inconclusiveLimit());
      if (metric.count() == 0 && measurementsPerStep < limit) {
        throw new IllegalArgumentException("measurementsPerStep was " + measurementsPerStep + ", allowed is at least "
            + limit + ", the failureLimit / inconclusiveLimit of analysis metric '" + metric.name() + "'");
      }
    }
  }

  public static RolloutSpec canary(List<Integer> weights, AnalysisTemplate analysis, int measurementsPerStep) {
    return new RolloutSpec(Strategy.CANARY, weights, analysis, measurementsPerStep);
  }

  public static RolloutSpec blueGreen(AnalysisTemplate analysis, int measurementsPerStep) {
    return new RolloutSpec(Strategy.BLUE_GREEN, List.of(), analysis, measurementsPerStep);
  }

  /**
   * A rolling update in {@code batches} (cumulative percentages of pods, see
   * {@link #rollingBatches}), each gated by {@code healthGate} read once.
   */
  public static RolloutSpec rolling(List<Integer> batches, AnalysisTemplate healthGate) {
    return new RolloutSpec(Strategy.ROLLING, batches, healthGate, 1);
  }

  /**
   * The batches of a rolling update replacing {@code maxSurgePercent} % of the pods at a time:
   * 25 gives 25/50/75/100, 40 gives 40/80/100.
   *
   * @throws IllegalArgumentException unless 1..100
   */
  public static List<Integer> rollingBatches(int maxSurgePercent) {
    if (maxSurgePercent < 1 || maxSurgePercent > 100) {
      throw new IllegalArgumentException("rolling max surge was " + maxSurgePercent + " %, allowed is 1..100");
    }
    List<Integer> batches = new java.util.ArrayList<>();
    for (int p = maxSurgePercent; p < 100; p += maxSurgePercent) {
      batches.add(p);
    }
    batches.add(100);
    return List.copyOf(batches);
  }

  /** Whether {@code strategy} moves in several steps, each with its weight (canary, rolling). */
  public static boolean stepped(Strategy strategy) {
    return strategy == Strategy.CANARY || strategy == Strategy.ROLLING;
  }

  /** The same rollout, waiting up to {@code deadline} for the new version's first metrics. */
  public RolloutSpec withProgressDeadline(java.time.Duration deadline) {
    return new RolloutSpec(strategy, canaryWeights, analysis, measurementsPerStep, deadline);
  }

  /** Steps of the rollout, each gated by its own analysis run. */
  public int stepCount() {
    return stepped(strategy) ? canaryWeights.size() : 1;
  }

  /**
   * The share of the new version during {@code step}: of traffic for a canary, of pods (and so of
   * traffic) for a rolling update; the preview of blue-green gets none.
   */
  public int weight(int step) {
    return stepped(strategy) ? canaryWeights.get(step) : 0;
  }

  /** A fresh analysis run for one step. */
  public AnalysisRun newAnalysis() {
    return analysis.withCountWhereUnset(measurementsPerStep).start();
  }

  private static void requireCanaryWeights(List<Integer> weights) {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("canaryWeights was empty, allowed are weights 1..100, strictly "
          + "increasing, the last 100");
    }
    int previous = 0;
    for (int weight : weights) {
      if (weight < 1 || weight > 100) {
        throw new IllegalArgumentException("canaryWeights " + weights + " hold " + weight + ", allowed are 1..100");
      }
      if (weight <= previous) {
        throw new IllegalArgumentException("canaryWeights " + weights + " are not strictly increasing at " + weight);
      }
      previous = weight;
    }
    if (previous != 100) {
      throw new IllegalArgumentException("canaryWeights " + weights + " end at " + previous
          + ", allowed is only 100: the last step carries all traffic");
    }
  }
}
