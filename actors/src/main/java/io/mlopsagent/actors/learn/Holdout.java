package io.mlopsagent.actors.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Outcomes set aside from training, and how a predictor does on them. Library-free: the same
 * figures judge any {@link OutcomePredictor}.
 */
public final class Holdout {
  /** Every {@value}th outcome is held out. */
  public static final int EVERY = 5;
  // Log-loss is infinite for a confident wrong answer; clipping keeps one outcome from dominating.
  private static final double EPSILON = 1e-6;

  private Holdout() {}

  /** Outcomes to train on, and outcomes to evaluate on, both oldest first. */
  public record Split(List<DeploymentOutcome> training, List<DeploymentOutcome> heldOut) {
    public Split {
      training = List.copyOf(training);
      heldOut = List.copyOf(heldOut);
    }
  }

  /**
   * Holds out every {@value #EVERY}th outcome by position (0-based positions 4, 9, 14, ...), so
   * the held-out outcomes span the whole period rather than only its end or its start, and a
   * change of regime shows in both parts.
   *
   * @param oldestFirst outcomes in the order they ended
   */
  public static Split split(List<DeploymentOutcome> oldestFirst) {
    List<DeploymentOutcome> training = new ArrayList<>();
    List<DeploymentOutcome> heldOut = new ArrayList<>();
    for (int i = 0; i < oldestFirst.size(); i++) {
      (i % EVERY == EVERY - 1 ? heldOut : training).add(oldestFirst.get(i));
    }
    return new Split(training, heldOut);
  }

  /**
   * The predictor's figures on {@code heldOut}: duration MAE and R² over the held-out outcomes
   * that succeeded (the duration predicted is a successful deployment's; a failed one ends when it
   * is given up, which the risk covers; all of them when none succeeded), NaN R² when every such
   * duration is the same (it is then undefined), failure-risk mean log-loss (probabilities
   * clipped to [1e-6, 1 - 1e-6]) and AUC (NaN when the held-out outcomes are all of one class).
   *
   * @throws IllegalArgumentException when {@code heldOut} is empty: there is nothing to judge by
   */
  public static HoldoutMetrics evaluate(OutcomePredictor predictor, List<DeploymentOutcome> heldOut) {
    int n = heldOut.size();
    if (n == 0) {
      throw new IllegalArgumentException("heldOut was empty, at least one outcome is needed");
    }
    boolean anySucceeded = heldOut.stream().anyMatch(DeploymentOutcome::succeeded);
    int timed = anySucceeded ? (int) heldOut.stream().filter(DeploymentOutcome::succeeded).count() : n;
    double[] actual = new double[timed];
    double[] predicted = new double[timed];
    double[] risk = new double[n];
    boolean[] failed = new boolean[n];
    int t = 0;
    for (int i = 0; i < n; i++) {
      DeploymentOutcome o = heldOut.get(i);
      Prediction p = predictor.predict(o.features());
      risk[i] = p.failureRisk();
      failed[i] = !o.succeeded();
      if (o.succeeded() || !anySucceeded) {
        actual[t] = o.durationSeconds();
        predicted[t] = p.durationSeconds();
        t++;
      }
    }
    return new HoldoutMetrics(n, mae(actual, predicted), r2(actual, predicted), logLoss(failed, risk),
        auc(failed, risk));
  }

  static double mae(double[] actual, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(actual[i] - predicted[i]);
    }
    return sum / actual.length;
  }

  static double r2(double[] actual, double[] predicted) {
    double mean = Arrays.stream(actual).average().orElse(Double.NaN);
    double residual = 0;
    double total = 0;
    for (int i = 0; i < actual.length; i++) {
      residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
      total += (actual[i] - mean) * (actual[i] - mean);
    }
    return total == 0 ? Double.NaN : 1 - residual / total;
  }

  static double logLoss(boolean[] failed, double[] risk) {
    double sum = 0;
    for (int i = 0; i < failed.length; i++) {
      double p = Math.min(1 - EPSILON, Math.max(EPSILON, risk[i]));
      sum -= failed[i] ? Math.log(p) : Math.log(1 - p);
    }
    return sum / failed.length;
  }

  /**
   * The probability that a failure drawn at random has a higher risk than a success drawn at
   * random, ties counting half: the Mann-Whitney U of the failures' ranks, ties given their mean
   * rank, over the number of (failure, success) pairs.
   */
  static double auc(boolean[] failed, double[] risk) {
    int n = failed.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> risk[i]));
    double failureRankSum = 0;
    long failures = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && risk[order[end + 1]] == risk[order[start]]) {
        end++;
      }
      // Ranks start..end (0-based) share their mean, 1-based.
      double meanRank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        if (failed[order[k]]) {
          failureRankSum += meanRank;
          failures++;
        }
      }
      start = end + 1;
    }
    long successes = n - failures;
    if (failures == 0 || successes == 0) {
      return Double.NaN;
    }
    return (failureRankSum - failures * (failures + 1) / 2.0) / ((double) failures * successes);
  }
}
