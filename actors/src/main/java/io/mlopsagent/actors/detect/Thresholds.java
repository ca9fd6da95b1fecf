package io.mlopsagent.actors.detect;

/**
 * The rules that turn observations into signals. Baseline-relative rules compare with {@link
 * Observation#expected()} and need a warm detector; the CPU rules are absolute.
 *
 * @param accuracyDrop ACCURACY_DEGRADED when accuracy is more than this below its baseline
 * @param latencyFactor LATENCY_DEGRADED when p95 latency is above this multiple of its baseline
 * @param errorRateRise ERROR_RATE_DEGRADED when the error rate is more than this above baseline
 * @param cpuHigh CPU_SATURATED when CPU utilisation is above this
 * @param cpuLow CPU_IDLE when CPU utilisation is below this
 * @param consecutiveWindows breaching windows in a row before a signal fires
 * @param slo the model's service level: a value beyond it breaches its rule whatever the baseline
 *     says, so a slow drift the baseline has followed is still caught once users feel it
 */
public record Thresholds(
    double accuracyDrop,
    double latencyFactor,
    double errorRateRise,
    double cpuHigh,
    double cpuLow,
    int consecutiveWindows,
    Slo slo) {

  /**
   * Absolute limits: accuracy at least {@code minAccuracy}, p95 latency and error rate at most the
   * others. NaN for a limit that is not set.
   */
  public record Slo(double minAccuracy, double maxLatencyP95Seconds, double maxErrorRate) {
    public static final Slo NONE = new Slo(Double.NaN, Double.NaN, Double.NaN);

    /** Whether {@code value} of {@code signal}'s metric is beyond the limit (false when unset). */
    public boolean broken(Signal signal, double value) {
      return switch (signal) {
        case ACCURACY_DEGRADED -> value < minAccuracy;
        case LATENCY_DEGRADED -> value > maxLatencyP95Seconds;
        case ERROR_RATE_DEGRADED -> value > maxErrorRate;
        case CPU_SATURATED, CPU_IDLE -> false;
      };
    }

    /** The limit of {@code signal}'s metric, NaN when there is none. */
    public double limit(Signal signal) {
      return switch (signal) {
        case ACCURACY_DEGRADED -> minAccuracy;
        case LATENCY_DEGRADED -> maxLatencyP95Seconds;
        case ERROR_RATE_DEGRADED -> maxErrorRate;
        case CPU_SATURATED, CPU_IDLE -> Double.NaN;
      };
    }
  }

  /** Rules without a service level: only the baseline-relative and CPU rules. */
  public Thresholds(double accuracyDrop, double latencyFactor, double errorRateRise, double cpuHigh, double cpuLow,
      int consecutiveWindows) {
    this(accuracyDrop, latencyFactor, errorRateRise, cpuHigh, cpuLow, consecutiveWindows, Slo.NONE);
  }

  public Thresholds {
    slo = slo == null ? Slo.NONE : slo;
    requireWithin("accuracyDrop", accuracyDrop, 0.0, 1.0, "a fraction above 0 and at most 1");
    if (!(latencyFactor > 1.0) || Double.isInfinite(latencyFactor)) {
      throw new IllegalArgumentException(
          "latencyFactor must be a finite factor above 1.0, was " + latencyFactor);
    }
    requireWithin("errorRateRise", errorRateRise, 0.0, 1.0, "a fraction above 0 and at most 1");
    requireWithin("cpuHigh", cpuHigh, 0.0, 1_000.0, "a utilisation above 0 and at most 1000");
    if (!(cpuLow >= 0.0 && cpuLow < cpuHigh)) {
      throw new IllegalArgumentException(
          "cpuLow must be at least 0 and below cpuHigh (" + cpuHigh + "), was " + cpuLow);
    }
    if (consecutiveWindows < 1) {
      throw new IllegalArgumentException(
          "consecutiveWindows must be at least 1, was " + consecutiveWindows);
    }
  }

  /** The seed's rules: -0.05 accuracy, 1.5x latency, +0.02 error rate, CPU above 0.8 / below 0.2. */
  public static Thresholds seed() {
    return new Thresholds(0.05, 1.5, 0.02, 0.8, 0.2, 3);
  }

  /** The same rules without the service level: what the baseline alone says. */
  public Thresholds withoutSlo() {
    return new Thresholds(accuracyDrop, latencyFactor, errorRateRise, cpuHigh, cpuLow, consecutiveWindows);
  }

  /** Whether this one observation breaches the rule of {@code signal}; streaks are counted elsewhere. */
  public boolean breaches(Signal signal, Observation o) {
    if (o.kind() != signal.metric()) {
      throw new IllegalArgumentException(signal + " is judged on " + signal.metric() + ", not " + o.kind());
    }
    if (slo.broken(signal, o.value())) {
      return true;
    }
    if (signal.relativeToBaseline() && !o.warm()) {
      return false;
    }
    // A NaN expectation (no history) makes every comparison below false: no baseline, no breach.
    return switch (signal) {
      case ACCURACY_DEGRADED -> o.value() < o.expected() - accuracyDrop;
      case LATENCY_DEGRADED -> o.value() > latencyFactor * o.expected();
      case ERROR_RATE_DEGRADED -> o.value() > o.expected() + errorRateRise;
      case CPU_SATURATED -> o.value() > cpuHigh;
      case CPU_IDLE -> o.value() < cpuLow;
    };
  }

  private static void requireWithin(String field, double value, double above, double atMost, String allowed) {
    if (!(value > above && value <= atMost)) {
      throw new IllegalArgumentException(field + " must be " + allowed + ", was " + value);
    }
  }
}
