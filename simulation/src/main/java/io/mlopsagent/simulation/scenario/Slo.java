package io.mlopsagent.simulation.scenario;

/**
 * The service level every model is held to, for scoring only: a window breaks it when users saw
 * accuracy below {@code minAccuracy}, p95 latency above {@code maxLatencyP95Seconds} or an error rate
 * above {@code maxErrorRate}. The defaults are the seed's success criteria (0.85, 0.200 s, 0.01).
 */
public record Slo(double minAccuracy, double maxLatencyP95Seconds, double maxErrorRate) {
  public static final Slo SEED = new Slo(0.85, 0.200, 0.01);
}
