package io.mlopsagent.actors.metrics;

/**
 * The five live signals watched for every model, with the range a sane value falls in. A value
 * outside its range is not degradation: it is a data gap, recorded and reported as such.
 */
public enum MetricKind {
  ACCURACY("accuracy", 0.0, 1.0),
  /**
   * At most a million seconds (eleven days): a p95 beyond that is a broken exporter, and the bound
   * keeps the baseline's arithmetic finite (a learned 1e308 overflowed its noise scale to infinity).
   */
  LATENCY_P95_SECONDS("latencyP95Seconds", 0.0, 1e6),
  ERROR_RATE("errorRate", 0.0, 1.0),
  /** At most a trillion requests a second, for the same reasons as the latency's bound. */
  THROUGHPUT_RPS("throughputRps", 0.0, 1e12),
  /** Used CPU over requested CPU; above 1 when a pod bursts past its request. */
  CPU_UTILIZATION("cpuUtilization", 0.0, 1_000.0);

  private final String field;
  private final double min;
  private final double max;

  MetricKind(String field, double min, double max) {
    this.field = field;
    this.min = min;
    this.max = max;
  }

  /** The JSON and config name of this metric. */
  public String field() {
    return field;
  }

  /** True when {@code value} is a usable observation of this metric. */
  public boolean accepts(double value) {
    return Double.isFinite(value) && value >= min && value <= max;
  }
}
