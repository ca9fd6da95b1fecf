package io.mlopsagent.simulation.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one policy did to the scenario's fleet, scored against the ground truth.
 *
 * @param policy {@code agent}, {@code none}, {@code seed_rules} or {@code static_canary}
 * @param kpis the headline figures, in report order (see {@link Kpi})
 * @param delaysByFaultKind detection delay per fault kind (its word, e.g. {@code latency-spike})
 * @param sloViolationSeries cumulative SLO-violation model-minutes, one value per
 *     {@link SimulationReport#sampleEvery()} from the start
 * @param adaptations every adaptation the policy made, in time order
 * @param wallSeconds real time the policy's run took
 */
public record PolicyRun(
    String policy,
    Map<String, Double> kpis,
    Map<String, Delay> delaysByFaultKind,
    List<Double> sloViolationSeries,
    List<Adaptation> adaptations,
    double wallSeconds) {

  public PolicyRun {
    Objects.requireNonNull(policy, "policy");
    kpis = Collections.unmodifiableMap(new LinkedHashMap<>(kpis));
    delaysByFaultKind = Collections.unmodifiableMap(new LinkedHashMap<>(delaysByFaultKind));
    sloViolationSeries = List.copyOf(sloViolationSeries);
    adaptations = List.copyOf(adaptations);
  }

  public double kpi(String name) {
    Double v = kpis.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no KPI " + name + " in the run of " + policy);
    }
    return v;
  }

  /**
   * Detection delays of one fault kind, in windows after onset. A fault the policy never reacted
   * to is counted at the windows from its onset to the end of the run (it was at least that late).
   */
  public record Delay(double p50Windows, double p95Windows, int detected, int faults) {}

  /**
   * One adaptation: {@code type} is {@code scale_out}, {@code scale_in}, {@code rollout},
   * {@code rollback} or {@code retraining}; {@code justified} is false for a false adaptation.
   */
  public record Adaptation(Instant at, String model, String type, boolean justified) {}
}
