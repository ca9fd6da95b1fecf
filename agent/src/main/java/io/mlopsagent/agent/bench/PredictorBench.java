package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.learn.Holdout;
import io.mlopsagent.actors.learn.HoldoutMetrics;
import io.mlopsagent.actors.learn.OutcomePredictor;
import io.mlopsagent.actors.learn.PredictorTrainer;
import io.mlopsagent.actors.learn.smile.SmileForestTrainer;
import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent bench predictor}: how long the outcome predictor takes to train on 1,000 and
 * 10,000 synthetic outcomes ({@link OutcomeGenerator}; median of three fits each, after one
 * untimed warm-up fit), and how long one prediction takes (after a warm-up, each of many single
 * predictions timed on its own), against the bars. In process: no journal, no daemon.
 */
@Command(
    name = "predictor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "The deployment-outcome predictor on synthetic outcomes: training time on 1,000 and 10,000",
      "outcomes (median of 3 fits), single-prediction latency p50/p99 after a warm-up, and its",
      "holdout R² (duration) and AUC (failure risk) for information."
    })
final class PredictorBench implements Callable<Integer> {
  private static final int FITS = 3;
  private static final long DATA_SEED = 42;

  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  // Hidden: smaller runs for the command's own tests; the figures keep their 1k/10k names.
  @Option(names = "--small-outcomes", hidden = true, defaultValue = "1000")
  int smallOutcomes;

  @Option(names = "--large-outcomes", hidden = true, defaultValue = "10000")
  int largeOutcomes;

  @Option(names = "--predictions", hidden = true, defaultValue = "20000")
  int predictions;

  @Override
  public Integer call() {
    OptionRange.check(spec, "--small-outcomes", smallOutcomes, 50, 1_000_000);
    OptionRange.check(spec, "--large-outcomes", largeOutcomes, 50, 1_000_000);
    OptionRange.check(spec, "--predictions", predictions, 1_000, 10_000_000);
    PredictorTrainer trainer = new SmileForestTrainer();
    BenchReport report = new BenchReport(spec.commandLine().getOut(), options.json);
    report.progress("bench predictor: %s on %d and %d synthetic outcomes, %d single predictions",
        trainer.library(), smallOutcomes, largeOutcomes, predictions);
    List<DeploymentOutcome> all = new OutcomeGenerator(DATA_SEED).outcomes(Math.max(smallOutcomes, largeOutcomes));
    List<DeploymentOutcome> small = all.subList(0, smallOutcomes);
    List<DeploymentOutcome> large = all.subList(0, largeOutcomes);

    report.progress("warm-up fit on %d outcomes (not timed: the JIT compiles Smile's code)...", small.size());
    trainer.fit(small, 0);
    Fits smallFits = fit(report, trainer, small);
    Fits largeFits = fit(report, trainer, large);
    double trainSmall = smallFits.wallSeconds();
    double trainLarge = largeFits.wallSeconds();
    Holdout.Split split = Holdout.split(large);
    report.progress("holdout: fitting on %d outcomes, evaluating on the %d held out (every %dth)...",
        split.training().size(), split.heldOut().size(), Holdout.EVERY);
    OutcomePredictor predictor = trainer.fit(split.training(), 1);
    HoldoutMetrics holdout = Holdout.evaluate(predictor, split.heldOut());
    Latencies latencies = predictionLatencies(report, predictor);

    report.figure("train_seconds_1k", trainSmall, 3, "training on " + smallOutcomes + " outcomes, median of "
        + FITS + " fits");
    report.figure("train_seconds_10k", trainLarge, 3, "training on " + largeOutcomes + " outcomes, median of "
        + FITS + " fits");
    report.figure("train_cpu_seconds_10k", largeFits.cpuSeconds(), 3, "CPU time of one such fit, median (all threads; "
        + "steadier than wall time on a shared machine)");
    report.figure("predict_p50_ms", latencies.percentile(50), 4, "one prediction, median");
    report.figure("predict_p95_ms", latencies.percentile(95), 4, "one prediction, 95th percentile");
    report.figure("predict_p99_ms", latencies.percentile(99), 4, "one prediction, 99th percentile");
    report.figure("predict_mean_ms", latencies.mean(), 4, "one prediction, mean");
    report.figure("holdout_r2_10k", holdout.durationR2(), 3, "duration R² on the " + holdout.count()
        + " held-out outcomes (1 is perfect)");
    report.figure("holdout_mae_seconds_10k", holdout.durationMae(), 1, "duration mean absolute error, held out");
    report.figure("holdout_auc_10k", holdout.riskAuc(), 3, "failure-risk AUC, held out (0.5 is chance)");
    report.figure("holdout_log_loss_10k", holdout.riskLogLoss(), 3, "failure-risk mean log-loss, held out");
    bars(report, trainSmall, trainLarge, latencies);
    report.finish();
    return 0;
  }

  /** Medians of {@value #FITS} fits, seconds. */
  private record Fits(double wallSeconds, double cpuSeconds) {}

  private static Fits fit(BenchReport report, PredictorTrainer trainer, List<DeploymentOutcome> outcomes) {
    double[] wall = new double[FITS];
    double[] cpu = new double[FITS];
    for (int i = 0; i < FITS; i++) {
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      trainer.fit(outcomes, i + 1);
      wall[i] = (System.nanoTime() - start) / 1e9;
      cpu[i] = (processCpuNanos() - cpuStart) / 1e9;
      report.progress("  fit %d of %d on %d outcomes: %.3f s (CPU %.3f s)", i + 1, FITS, outcomes.size(), wall[i],
          cpu[i]);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Fits(wall[FITS / 2], cpu[FITS / 2]);
  }

  /** CPU time of the whole JVM (the fit's threads, and also the JIT's and GC's); 0 if not known. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  /**
   * Times each prediction on its own, on features drawn beforehand so drawing them is not timed.
   * The first quarter (at least 5,000) are warm-up for the JIT and not kept. Every time is kept
   * (a few hundred kilobytes) for exact percentiles: the bucketed {@link LatencyRecorder} counts
   * whole microseconds, too coarse for predictions of a few.
   */
  private Latencies predictionLatencies(BenchReport report, OutcomePredictor predictor) {
    int warmUp = Math.max(5_000, predictions / 4);
    OutcomeGenerator features = new OutcomeGenerator(DATA_SEED + 1);
    DeploymentFeatures[] inputs = new DeploymentFeatures[warmUp + predictions];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = features.features();
    }
    report.progress("predictions: %d warm-up, then %d timed one by one...", warmUp, predictions);
    long[] nanos = new long[predictions];
    // Summed and checked so the JIT cannot drop predictions whose results go unused.
    double sink = 0;
    for (int i = 0; i < inputs.length; i++) {
      long start = System.nanoTime();
      sink += predictor.predict(inputs[i]).failureRisk();
      long took = System.nanoTime() - start;
      if (i >= warmUp) {
        nanos[i - warmUp] = took;
      }
    }
    if (!(sink >= 0)) {
      throw new IllegalStateException("predicted risks summed to " + sink);
    }
    return new Latencies(nanos);
  }

  /** The bars set for the learner: the seed targets and this predictor's own. */
  private void bars(BenchReport report, double trainSmall, double trainLarge, Latencies latencies) {
    report.progress("bars:");
    report.progress("  %-40s  %-9s  %-10s  %s", "", "target", "measured", "met");
    bar(report, "seed: training on " + smallOutcomes + " outcomes", "< 30 s", trainSmall < 30, trainSmall, "s");
    bar(report, "seed: one prediction, mean", "< 100 ms", latencies.mean() < 100, latencies.mean(), "ms");
    bar(report, "seed: one prediction, p95", "< 200 ms", latencies.percentile(95) < 200, latencies.percentile(95),
        "ms");
    bar(report, "ours: training on " + largeOutcomes + " outcomes", "<= 3 s", trainLarge <= 3, trainLarge, "s");
    bar(report, "ours: one prediction, p99", "<= 1 ms", latencies.percentile(99) <= 1, latencies.percentile(99),
        "ms");
  }

  private static void bar(BenchReport report, String what, String target, boolean met, double measured,
      String unit) {
    report.progress("  %-40s  %-9s  %-10s  %s", what, target, String.format("%.3f %s", measured, unit),
        met ? "yes" : "NO");
  }

  /** Prediction times, milliseconds. */
  private static final class Latencies {
    private final long[] sortedNanos;

    Latencies(long[] nanos) {
      this.sortedNanos = nanos.clone();
      Arrays.sort(sortedNanos);
    }

    /** The time {@code percent} % of the predictions took at most (nearest rank). */
    double percentile(double percent) {
      int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
      return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    double mean() {
      return Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
    }
  }
}
