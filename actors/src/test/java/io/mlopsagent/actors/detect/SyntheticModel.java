package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The windows of one healthy model, ten seconds apart from {@link #T0}: each metric is its steady
 * value plus seeded Gaussian noise. Tests bend single metrics with {@link #with}.
 */
final class SyntheticModel {
  static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);
  static final int WINDOWS_PER_HOUR = 360;
  static final int WINDOWS_PER_DAY = 24 * WINDOWS_PER_HOUR;

  static final double ACCURACY = 0.92;
  static final double LATENCY = 0.120;
  static final double ERROR_RATE = 0.01;
  static final double THROUGHPUT = 200;
  static final double CPU = 0.5;

  private final SplittableRandom random;

  SyntheticModel(long seed) {
    this.random = new SplittableRandom(seed);
  }

  static Instant at(long i) {
    return T0.plus(STEP.multipliedBy(i));
  }

  /** The i-th window: steady values with noise of a few percent. */
  MetricWindow window(long i) {
    return new MetricWindow(at(i),
        clamp(ACCURACY + noise(0.005), 0, 1),
        Math.max(0, LATENCY * (1 + noise(0.05))),
        clamp(ERROR_RATE + noise(0.002), 0, 1),
        Math.max(0, THROUGHPUT * (1 + noise(0.05))),
        Math.max(0, CPU + noise(0.03)));
  }

  /** A standard normal draw times {@code sd}. */
  double noise(double sd) {
    return sd * random.nextGaussian();
  }

  static MetricWindow with(MetricWindow w, MetricKind kind, double value) {
    return new MetricWindow(w.at(),
        kind == MetricKind.ACCURACY ? value : w.accuracy(),
        kind == MetricKind.LATENCY_P95_SECONDS ? value : w.latencyP95Seconds(),
        kind == MetricKind.ERROR_RATE ? value : w.errorRate(),
        kind == MetricKind.THROUGHPUT_RPS ? value : w.throughputRps(),
        kind == MetricKind.CPU_UTILIZATION ? value : w.cpuUtilization());
  }

  static MetricWindow at(MetricWindow w, Instant at) {
    return new MetricWindow(at, w.accuracy(), w.latencyP95Seconds(), w.errorRate(),
        w.throughputRps(), w.cpuUtilization());
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }
}
