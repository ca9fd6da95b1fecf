package io.mlopsagent.agent.prometheus;

import io.mlopsagent.actors.metrics.MetricKind;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * What users of a model see when only per-version series exist: throughput adds up; the other
 * metrics are the versions' values weighted by the traffic each serves (equal weights when the
 * traffic is unknown).
 */
final class VersionMix {
  private VersionMix() {}

  static Map<MetricKind, Double> combine(Collection<Map<MetricKind, Double>> versions) {
    if (versions.isEmpty()) {
      return Map.of();
    }
    double total = 0;
    boolean trafficKnown = true;
    for (Map<MetricKind, Double> v : versions) {
      double rps = v.getOrDefault(MetricKind.THROUGHPUT_RPS, Double.NaN);
      trafficKnown &= Double.isFinite(rps) && rps >= 0;
      total += Double.isFinite(rps) ? rps : 0;
    }
    boolean weighted = trafficKnown && total > 0;
    Map<MetricKind, Double> mix = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      double sum = 0;
      double weights = 0;
      for (Map<MetricKind, Double> v : versions) {
        Double value = v.get(kind);
        if (value == null || Double.isNaN(value)) {
          continue;
        }
        double w = kind == MetricKind.THROUGHPUT_RPS ? 1 : weighted ? v.get(MetricKind.THROUGHPUT_RPS) : 1;
        sum += w * value;
        weights += kind == MetricKind.THROUGHPUT_RPS ? 0 : w;
      }
      if (kind == MetricKind.THROUGHPUT_RPS) {
        mix.put(kind, sum);
      } else if (weights > 0) {
        mix.put(kind, sum / weights);
      }
    }
    return mix;
  }
}
