package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Outcomes with a structure a learner should find: the duration grows with size and complexity,
 * shrinks with CPU, scales with load and adds six minutes per analysis step; big models under
 * load fail more often. Everything else is noise the learner should ignore.
 */
public final class TestOutcomes {
  private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");

  private TestOutcomes() {}

  /** {@code n} outcomes, oldest first; the same seed gives the same outcomes. */
  public static List<DeploymentOutcome> generate(int n, long seed) {
    Random random = new Random(seed);
    List<DeploymentOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DeploymentFeatures f = features(random);
      double duration = expectedDuration(f) * Math.exp(0.1 * random.nextGaussian());
      boolean failed = random.nextDouble() < failureProbability(f);
      Instant started = START.plus(Duration.ofMinutes(30L * i));
      outcomes.add(outcome(i, f, started, duration,
          failed ? DeploymentOutcome.Result.ABORTED : DeploymentOutcome.Result.PROMOTED));
    }
    return outcomes;
  }

  /** Random features over the ranges {@link #generate} draws from. */
  public static DeploymentFeatures features(Random random) {
    boolean blueGreen = random.nextInt(4) == 0;
    return new DeploymentFeatures(10 + random.nextDouble() * 1990, 0.1 + random.nextDouble() * 9.9,
        0.8 + random.nextDouble() * 0.19, 0.05 + random.nextDouble() * 0.5, 1 + random.nextInt(10),
        0.5 + random.nextDouble() * 7.5, random.nextInt(24), 1 + random.nextInt(7), random.nextDouble() * 1.5,
        random.nextInt(6), blueGreen ? Strategy.BLUE_GREEN : Strategy.CANARY, blueGreen ? 1 : 1 + random.nextInt(5));
  }

  /** The duration without noise, seconds. */
  public static double expectedDuration(DeploymentFeatures f) {
    double work = (60 + 0.5 * f.sizeMb() + 40 * f.complexity()) / Math.pow(f.cpuCores(), 0.7);
    return work * (1 + f.fleetLoad()) + f.steps() * 360;
  }

  /** The probability the rollout is not promoted. */
  public static double failureProbability(DeploymentFeatures f) {
    return 1 / (1 + Math.exp(-(-3 + 2 * f.sizeMb() / 1000 + 2 * f.fleetLoad())));
  }

  /** One outcome of the given features, duration and result. */
  public static DeploymentOutcome outcome(int i, DeploymentFeatures f, Instant started, double durationSeconds,
      DeploymentOutcome.Result result) {
    return new DeploymentOutcome("model-" + i % 20, "rollout-" + i, "v" + i, started,
        started.plusMillis((long) (durationSeconds * 1000)), f, result, durationSeconds, 0);
  }
}
