package io.mlopsagent.simulation.score;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.Effects;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.scenario.Slo;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What users got and what it cost, window by window, from the world's truth: SLO-violation
 * model-minutes (and their course over time) and CPU held beyond what the model needs.
 *
 * <p>A model needs enough cores to serve its daily peak (as traffic and CPU cost are now) at
 * {@value #TARGET_UTILISATION} utilisation, and at least one replica: what it holds above that is
 * over-provisioned. Sizing to the daily peak, not to the current window, keeps the measure fair
 * to policies that, like every peer here, do not scale with the hour of the day.
 */
final class ServiceLedger {
  static final double TARGET_UTILISATION = 0.7;

  private final Slo slo;
  private final SimulatedWorld world;
  private final Instant start;
  private final Instant end;
  private final double stepMinutes;
  private final Duration sampleEvery;
  private final double[] buckets;
  private final Map<ModelName, Instant> lastSeen = new HashMap<>();
  private final Map<ModelName, Instant> lastViolation = new HashMap<>();
  private final Map<ModelName, Double> lastUtilisation = new HashMap<>();
  private final Map<String, Double> sloMinutesByCause = new java.util.TreeMap<>();
  private double sloMinutes;
  private double overprovisionedCoreHours;

  ServiceLedger(Slo slo, SimulatedWorld world, Instant start, Instant end, Duration step, Duration sampleEvery) {
    this.slo = slo;
    this.world = world;
    this.start = start;
    this.end = end;
    this.stepMinutes = step.toMillis() / 60_000.0;
    this.sampleEvery = sampleEvery;
    this.buckets = new double[(int) Math.max(1, Duration.between(start, end).toMillis() / sampleEvery.toMillis())];
  }

  /** Counts one window once, however often the world was asked for it. */
  void observe(Instant at, ModelName model, MetricWindow truth, Workload w) {
    if (at.isBefore(start) || !at.isBefore(end)) {
      return;
    }
    Instant previous = lastSeen.get(model);
    if (previous != null && !at.isAfter(previous)) {
      return;
    }
    lastSeen.put(model, at);
    lastUtilisation.put(model, truth.cpuUtilization());
    if (violates(truth)) {
      sloMinutes += stepMinutes;
      lastViolation.put(model, at);
      int bucket = (int) Math.min(buckets.length - 1, Duration.between(start, at).toMillis() / sampleEvery.toMillis());
      buckets[bucket] += stepMinutes;
      sloMinutesByCause.merge(cause(model, at), stepMinutes, Double::sum);
    }
    double held = w.replicas() * w.cpuCores();
    double over = held - Math.max(neededCores(model, w, at), w.cpuCores());
    if (over > 0) {
      overprovisionedCoreHours += over * stepMinutes / 60;
    }
  }

  /** The kind of the fault in force on the model (the first, if several), or {@code no_fault}. */
  private String cause(ModelName model, Instant at) {
    for (io.mlopsagent.simulation.world.Fault f : world.faults()) {
      if (f.model().equals(model) && f.activeAt(at)) {
        return f.kind().word().replace('-', '_');
      }
    }
    return "no_fault";
  }

  /** SLO-violation minutes by what was wrong at the time: a fault kind, or {@code no_fault}. */
  Map<String, Double> sloMinutesByCause() {
    return Map.copyOf(sloMinutesByCause);
  }

  boolean violates(MetricWindow truth) {
    return truth.accuracy() < slo.minAccuracy() || truth.latencyP95Seconds() > slo.maxLatencyP95Seconds()
        || truth.errorRate() > slo.maxErrorRate();
  }

  /** Cores that serve the model's daily peak at the target utilisation, under the faults in force. */
  double neededCores(ModelName model, Workload w, Instant at) {
    ModelProfile p = world.fleet().profile(model);
    Effects fx = world.effects(model, w.stableVersion(), at);
    return p.peakRps() * fx.trafficFactor() * fx.cpuFactor() / p.rpsPerCore() / TARGET_UTILISATION;
  }

  /** Whether users of the model saw an SLO violation within {@code within} before {@code at}. */
  boolean violatedRecently(ModelName model, Instant at, Duration within) {
    Instant v = lastViolation.get(model);
    return v != null && !v.isBefore(at.minus(within));
  }

  double lastUtilisation(ModelName model) {
    return lastUtilisation.getOrDefault(model, 0.0);
  }

  double sloMinutes() {
    return sloMinutes;
  }

  double overprovisionedCoreHours() {
    return overprovisionedCoreHours;
  }

  /** Cumulative SLO-violation minutes at the end of each sample period. */
  List<Double> series() {
    List<Double> cumulative = new ArrayList<>(buckets.length);
    double sum = 0;
    for (double b : buckets) {
      sum += b;
      cumulative.add(sum);
    }
    return cumulative;
  }
}
