package io.mlopsagent.actors.metrics;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One observation window of one model: the five signals as measured over the window that ends at
 * {@code at}. A value the source could not produce is {@code NaN}; values outside a metric's range
 * are kept as given so the data gap stays visible, and summaries skip them.
 */
public record MetricWindow(
    Instant at,
    double accuracy,
    double latencyP95Seconds,
    double errorRate,
    double throughputRps,
    double cpuUtilization)
    implements CborSerializable {

  public MetricWindow {
    Objects.requireNonNull(at, "window timestamp 'at'");
  }

  public double value(MetricKind kind) {
    return switch (kind) {
      case ACCURACY -> accuracy;
      case LATENCY_P95_SECONDS -> latencyP95Seconds;
      case ERROR_RATE -> errorRate;
      case THROUGHPUT_RPS -> throughputRps;
      case CPU_UTILIZATION -> cpuUtilization;
    };
  }

  /** The metrics of this window that are missing or out of range. */
  public Map<MetricKind, Double> gaps() {
    Map<MetricKind, Double> gaps = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      if (!kind.accepts(value(kind))) {
        gaps.put(kind, value(kind));
      }
    }
    return gaps;
  }

  // Records compare doubles by bits already (NaN == NaN), which is what event equality needs.
}
