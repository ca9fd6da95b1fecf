package io.mlopsagent.actors.metrics;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Arrays;

/**
 * A rolling summary of one metric of one model: how many windows carried a usable value, how many
 * did not, and the last {@code capacity} usable values (oldest first) from which mean, spread and
 * extremes are derived. Immutable: {@link #with(double)} returns a new summary, which is what an
 * event-sourced state needs (a snapshot may be serialized while the entity moves on).
 */
public record MetricSummary(long observed, long missing, int capacity, double[] recent)
    implements CborSerializable {

  public MetricSummary {
    if (capacity < 1) {
      throw new IllegalArgumentException("summary capacity must be at least 1, was " + capacity);
    }
    recent = recent == null ? new double[0] : recent;
    if (recent.length > capacity) {
      throw new IllegalArgumentException(
          "summary holds " + recent.length + " values, more than its capacity " + capacity);
    }
  }

  public static MetricSummary empty(int capacity) {
    return new MetricSummary(0, 0, capacity, new double[0]);
  }

  /** The summary after one more window: {@code value} is usable, or counted as missing. */
  public MetricSummary with(MetricKind kind, double value) {
    if (!kind.accepts(value)) {
      return new MetricSummary(observed, missing + 1, capacity, recent);
    }
    return with(value);
  }

  private MetricSummary with(double value) {
    double[] next;
    if (recent.length < capacity) {
      next = Arrays.copyOf(recent, recent.length + 1);
    } else {
      next = new double[capacity];
      System.arraycopy(recent, 1, next, 0, capacity - 1);
    }
    next[next.length - 1] = value;
    return new MetricSummary(observed + 1, missing, capacity, next);
  }

  /** Mean of the recent values, NaN when there are none. */
  public double mean() {
    return Arrays.stream(recent).average().orElse(Double.NaN);
  }

  public double min() {
    return Arrays.stream(recent).min().orElse(Double.NaN);
  }

  public double max() {
    return Arrays.stream(recent).max().orElse(Double.NaN);
  }

  /** Sample standard deviation of the recent values, NaN below two values. */
  public double stdDev() {
    if (recent.length < 2) {
      return Double.NaN;
    }
    double mean = mean();
    double sum = 0;
    for (double v : recent) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (recent.length - 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricSummary other
        && observed == other.observed
        && missing == other.missing
        && capacity == other.capacity
        && Arrays.equals(recent, other.recent);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(observed) + Long.hashCode(missing)) + Arrays.hashCode(recent);
  }

  @Override
  public String toString() {
    return "MetricSummary[observed=" + observed + ", missing=" + missing + ", recent="
        + Arrays.toString(recent) + "]";
  }
}
