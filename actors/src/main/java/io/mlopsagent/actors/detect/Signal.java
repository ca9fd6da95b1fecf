package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;

/** What a model's detectors can report. Each signal is judged on exactly one metric. */
public enum Signal {
  ACCURACY_DEGRADED(MetricKind.ACCURACY, true),
  LATENCY_DEGRADED(MetricKind.LATENCY_P95_SECONDS, true),
  ERROR_RATE_DEGRADED(MetricKind.ERROR_RATE, true),
  CPU_SATURATED(MetricKind.CPU_UTILIZATION, false),
  CPU_IDLE(MetricKind.CPU_UTILIZATION, false);

  private final MetricKind metric;
  private final boolean relativeToBaseline;

  Signal(MetricKind metric, boolean relativeToBaseline) {
    this.metric = metric;
    this.relativeToBaseline = relativeToBaseline;
  }

  public MetricKind metric() {
    return metric;
  }

  /**
   * True when the rule compares against the learned baseline. Only these signals need a warm
   * detector, and only these freeze their metric's baseline while breaching: an absolute CPU limit
   * says nothing about whether the baseline is still "normal".
   */
  public boolean relativeToBaseline() {
    return relativeToBaseline;
  }
}
