package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic deployment outcomes with a known structure, for measuring a predictor: what it should
 * find is written down here, so a holdout R² or AUC far from what the noise allows means the
 * predictor, not the data, is off.
 *
 * <p>Duration, seconds: {@code (60 + 0.5·sizeMb + 40·complexity) / cpuCores^0.7 × (1 + fleetLoad)
 * × lognormal noise (σ 0.15) + steps × 360} (each analysis step waits six minutes). Failure
 * probability: logistic in size and load, about 5 % for a small model at night and 90 % for a
 * 2 GB model at peak. Accuracy, latency, replicas, the moment and the concurrent rollouts are
 * drawn but play no part: a predictor should learn to ignore them.
 */
public final class OutcomeGenerator {
  private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
  // Rollouts start every 20 minutes, so 10,000 outcomes span about 140 days.
  private static final Duration SPACING = Duration.ofMinutes(20);

  private final SplittableRandom random;

  /** The same seed gives the same outcomes and features. */
  public OutcomeGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** {@code n} outcomes, oldest first. */
  public List<DeploymentOutcome> outcomes(int n) {
    List<DeploymentOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DeploymentFeatures f = features();
      double noise = Math.exp(0.15 * gaussian());
      double duration = work(f) * noise + f.steps() * 360;
      DeploymentOutcome.Result result = random.nextDouble() >= failureProbability(f)
          ? DeploymentOutcome.Result.PROMOTED
          : random.nextInt(3) == 0 ? DeploymentOutcome.Result.ROLLED_BACK : DeploymentOutcome.Result.ABORTED;
      Instant started = START.plus(SPACING.multipliedBy(i));
      Instant ended = started.plusMillis(Math.round(duration * 1000));
      double sloMinutes = result.succeeded() ? 0 : random.nextDouble() * duration / 60;
      outcomes.add(new DeploymentOutcome("model-" + random.nextInt(200), "bench-" + i, "v" + (i + 1), started, ended,
          f, result, duration, sloMinutes));
    }
    return outcomes;
  }

  /** Features drawn as {@link #outcomes} draws them: random deployments to predict. */
  public DeploymentFeatures features() {
    boolean blueGreen = random.nextInt(3) == 0;
    int hour = random.nextInt(24);
    // Load follows the day: low at night, peaking in the afternoon, with some spread.
    double load = Math.max(0, 0.7 + 0.5 * Math.sin((hour - 9) * Math.PI / 12) + 0.15 * gaussian());
    return new DeploymentFeatures(
        random.nextDouble(10, 2000), // size, MB
        random.nextDouble(0.1, 10), // complexity
        random.nextDouble(0.80, 0.99), // accuracy
        random.nextDouble(0.02, 0.8), // latency p95, s
        1 + random.nextInt(12), // replicas
        List.of(0.5, 1.0, 2.0, 4.0, 8.0).get(random.nextInt(5)), // CPU cores
        hour,
        1 + random.nextInt(7),
        load,
        random.nextInt(8), // concurrent rollouts
        blueGreen ? Strategy.BLUE_GREEN : Strategy.CANARY,
        blueGreen ? 1 : 2 + random.nextInt(5));
  }

  private static double work(DeploymentFeatures f) {
    return (60 + 0.5 * f.sizeMb() + 40 * f.complexity()) / Math.pow(f.cpuCores(), 0.7) * (1 + f.fleetLoad());
  }

  private static double failureProbability(DeploymentFeatures f) {
    return 1 / (1 + Math.exp(-(-3.2 + 1.6 * f.sizeMb() / 1000 + 2.0 * f.fleetLoad())));
  }

  // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
  private double gaussian() {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
