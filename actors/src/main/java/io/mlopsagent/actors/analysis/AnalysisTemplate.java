package io.mlopsagent.actors.analysis;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.persistence.CborSerializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A named list of analysis metrics from which runs are started, like Argo's AnalysisTemplate. It is
 * validated where it enters, as Argo validates a template: at least one metric, unique names.
 */
public record AnalysisTemplate(String name, List<AnalysisMetric> metrics) implements CborSerializable {

  public AnalysisTemplate {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("analysis template name was '" + name + "', allowed is a non-blank name");
    }
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(
          "analysis template '" + name + "': metrics was empty, allowed is at least one metric");
    }
    Set<String> names = new HashSet<>();
    for (AnalysisMetric metric : metrics) {
      if (!names.add(metric.name())) {
        throw new IllegalArgumentException("analysis template '" + name + "': metric name '" + metric.name()
            + "' appears twice, allowed are unique names");
      }
    }
  }

  /**
   * The seed's success criteria, each with Argo's defaults (no count, failureLimit 0,
   * inconclusiveLimit 0, consecutiveErrorLimit 4): accuracy ≥ 0.85, p95 latency ≤ 0.200 s, error
   * rate ≤ 0.01, and p95 latency ≤ 1.2 × the stable version's.
   */
  public static AnalysisTemplate seedDefaults() {
    return new AnalysisTemplate("seed-defaults", List.of(
        AnalysisMetric.of("accuracy", MetricKind.ACCURACY,
            Condition.absolute(MetricKind.ACCURACY, Comparison.AT_LEAST, 0.85), null),
        AnalysisMetric.of("latency-p95", MetricKind.LATENCY_P95_SECONDS,
            Condition.absolute(MetricKind.LATENCY_P95_SECONDS, Comparison.AT_MOST, 0.200), null),
        AnalysisMetric.of("error-rate", MetricKind.ERROR_RATE,
            Condition.absolute(MetricKind.ERROR_RATE, Comparison.AT_MOST, 0.01), null),
        AnalysisMetric.of("latency-p95-vs-stable", MetricKind.LATENCY_P95_SECONDS,
            Condition.relative(MetricKind.LATENCY_P95_SECONDS, Comparison.AT_MOST, 1.2), null)));
  }

  /** This template with every metric that has no count measured {@code count} times. */
  public AnalysisTemplate withCountWhereUnset(int count) {
    return new AnalysisTemplate(name, metrics.stream().map(m -> m.count() == 0 ? m.withCount(count) : m).toList());
  }

  public AnalysisRun start() {
    return AnalysisRun.of(metrics);
  }
}
