package io.mlopsagent.actors.learn.smile;

import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.learn.OutcomePredictor;
import io.mlopsagent.actors.learn.PredictorTrainer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * Random forests from Smile: a regression forest for the duration and a classification forest for
 * the failure risk (class 1: the rollout did not end promoted; the risk is the forest's posterior
 * probability of class 1, the trees' Laplace-smoothed leaf frequencies weighted by their
 * out-of-bag accuracy).
 *
 * <p><b>Repeatability.</b> Smile trains the trees of a forest in parallel on the common fork-join
 * pool, but each tree re-seeds its thread's random generator ({@code MathEx.setSeed}) from its own
 * entry of the seed stream given to {@code fit} before drawing its bootstrap sample and its
 * candidate features, and the trees are kept in seed order; so the same outcomes and seed give the
 * same trees, whatever the thread scheduling. Only the forests' out-of-bag summary figures, which
 * this class does not use, are accumulated racily by Smile.
 *
 * <p><b>Sizes.</b> {@value #TREES} trees per forest, at most {@value #MAX_DEPTH} levels and
 * {@value #MAX_LEAVES} leaves (fewer on small data: a fifth of the outcomes, as Smile's default),
 * leaves of about {@value #NODE_SIZE} outcomes. On two free cores 10,000 outcomes train in about
 * 1.3 s (2.5 s of CPU), 1,000 in 0.3 s, once the JIT has compiled Smile (the first fit in a JVM
 * takes two to three times longer), and one prediction (200 trees) takes tens of microseconds;
 * deeper trees (16 levels, 1,024 leaves) gained 1 % of R² for about three times the training
 * time. See {@code mlops-agent bench predictor}.
 *
 * <p>{@link #fit} blocks its caller for that long and keeps the common fork-join pool busy: call it
 * off the actors' dispatcher.
 */
public final class SmileForestTrainer implements PredictorTrainer {
  static final int TREES = 100;
  static final int MAX_DEPTH = 12;
  static final int MAX_LEAVES = 256;
  static final int NODE_SIZE = 5;
  // Bootstrap samples (with replacement), as in Breiman's forests; Smile draws the classifier's per
  // class, so a rare class is in every tree.
  private static final double SUBSAMPLE = 1.0;
  // Candidate features per split: p/3 for regression, sqrt(p) for classification (the usual rules).
  private static final int DURATION_MTRY = Math.max(1, DeploymentFeatures.NAMES.size() / 3);
  private static final int RISK_MTRY = Math.max(1, (int) Math.sqrt(DeploymentFeatures.NAMES.size()));

  static final String DURATION = "duration_seconds";
  static final String FAILED = "failed";

  @Override
  public OutcomePredictor fit(List<DeploymentOutcome> training, long seed) {
    if (training == null || training.isEmpty()) {
      throw new IllegalArgumentException("training was empty, at least one outcome is needed");
    }
    int n = training.size();
    double[][] x = new double[n][];
    int[] failed = new int[n];
    int failures = 0;
    for (int i = 0; i < n; i++) {
      DeploymentOutcome o = training.get(i);
      x[i] = o.features().toArray();
      failed[i] = o.succeeded() ? 0 : 1;
      failures += failed[i];
    }
    DataFrame features = DataFrame.of(x, DeploymentFeatures.NAMES.toArray(String[]::new));
    int maxLeaves = Math.max(2, Math.min(MAX_LEAVES, n / 5));
    // One generator, split in two, so the forests get different but repeatable seed streams.
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom riskRandom = random.split();

    smile.regression.RandomForest durationForest = durationForest(training, failures < n, random);
    if (failures == 0 || failures == n) {
      // A classifier needs both classes; the observed rate, smoothed so it is never 0 or 1.
      return new SmileForestPredictor(durationForest, null, (failures + 1.0) / (n + 2.0));
    }
    smile.classification.RandomForest riskForest = smile.classification.RandomForest.fit(Formula.lhs(FAILED),
        features.merge(IntVector.of(FAILED, failed)), TREES, RISK_MTRY, SplitRule.GINI, MAX_DEPTH, maxLeaves,
        NODE_SIZE, SUBSAMPLE, null, treeSeeds(riskRandom));
    return new SmileForestPredictor(durationForest, riskForest, Double.NaN);
  }

  /**
   * The duration forest learns how long a deployment that succeeds takes beyond the analysis time
   * its plan sets (which is known: steps times the time per step). A failed deployment ends when it
   * is given up, which says nothing of how long it would have taken: the risk forest has it. Only
   * when no outcome succeeded does the forest learn from the failures.
   */
  private static smile.regression.RandomForest durationForest(List<DeploymentOutcome> training,
      boolean anySucceeded, SplittableRandom random) {
    List<DeploymentOutcome> learned = anySucceeded
        ? training.stream().filter(DeploymentOutcome::succeeded).toList() : training;
    int n = learned.size();
    double[][] x = new double[n][];
    double[] beyondAnalysis = new double[n];
    for (int i = 0; i < n; i++) {
      DeploymentOutcome o = learned.get(i);
      x[i] = o.features().toArray();
      beyondAnalysis[i] = Math.max(0, o.durationSeconds() - o.features().analysisSeconds());
    }
    DataFrame features = DataFrame.of(x, DeploymentFeatures.NAMES.toArray(String[]::new));
    int maxLeaves = Math.max(2, Math.min(MAX_LEAVES, n / 5));
    return smile.regression.RandomForest.fit(Formula.lhs(DURATION),
        features.merge(DoubleVector.of(DURATION, beyondAnalysis)), TREES, DURATION_MTRY, MAX_DEPTH, maxLeaves,
        NODE_SIZE, SUBSAMPLE, treeSeeds(random));
  }

  /**
   * One seed per tree. Smile only re-seeds a tree's generator for seeds above 1 (it takes smaller
   * ones as "leave the generator as it is"), so every seed drawn is 2 or more; the stream is
   * unbounded because Smile keeps the first {@value #TREES} distinct values.
   */
  private static LongStream treeSeeds(SplittableRandom random) {
    return random.longs(2, Long.MAX_VALUE);
  }

  @Override
  public OutcomePredictor restore(byte[] bytes) {
    return SmileForestPredictor.read(bytes);
  }

  @Override
  public String library() {
    return "smile-core 3.1.1 random forest (" + TREES + " trees)";
  }
}
