package io.mlopsagent.actors.analysis;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The run of one analysis metric: its counters and latest measurements, and its phase as Argo
 * Rollouts assesses it (analysis/analysis.go, assessMetricStatus and
 * assessMetricFailureInconclusiveOrError). Limits are compared with a strict {@code >}: a limit of
 * 0 tolerates none, a consecutiveErrorLimit of 4 errs on the fifth Error in a row. Errors do not
 * count toward {@code count}; any measurement that is not an Error resets the consecutive errors.
 *
 * @param count measurements that were not Errors
 * @param measurements the latest measurements, oldest first, at most {@link #HISTORY_LIMIT}
 * @param message why the metric is in its phase
 */
public record MetricRun(
    AnalysisMetric metric,
    AnalysisPhase phase,
    int count,
    int successful,
    int failed,
    int inconclusive,
    int errors,
    int consecutiveErrors,
    List<Measurement> measurements,
    String message)
    implements CborSerializable {

  /** Argo's DefaultMeasurementHistoryLimit: the counters keep the totals, a snapshot stays small. */
  public static final int HISTORY_LIMIT = 10;

  public MetricRun {
    Objects.requireNonNull(metric, "metric of a metric run");
    Objects.requireNonNull(phase, "phase of metric run '" + metric.name() + "'");
    Objects.requireNonNull(message, "message of metric run '" + metric.name() + "'");
    measurements = List.copyOf(measurements);
    if (measurements.size() > HISTORY_LIMIT) {
      throw new IllegalArgumentException("metric run '" + metric.name() + "' holds " + measurements.size()
          + " measurements, allowed is at most " + HISTORY_LIMIT);
    }
    if (count != successful + failed + inconclusive || Math.min(Math.min(count, errors), consecutiveErrors) < 0
        || Math.min(Math.min(successful, failed), inconclusive) < 0 || consecutiveErrors > errors) {
      throw new IllegalArgumentException("metric run '" + metric.name() + "': counters are inconsistent (count "
          + count + ", successful " + successful + ", failed " + failed + ", inconclusive " + inconclusive
          + ", errors " + errors + ", consecutive errors " + consecutiveErrors + ")");
    }
  }

  public static MetricRun start(AnalysisMetric metric) {
    return new MetricRun(metric, AnalysisPhase.RUNNING, 0, 0, 0, 0, 0, 0, List.of(), "no measurement yet");
  }

  /** This run after one more window; a completed run takes no more measurements. */
  public MetricRun measure(Instant at, MetricWindow canary, MetricWindow stable) {
    if (phase.completed()) {
      return this;
    }
    return record(MeasurementAssessor.assess(metric, at, canary, stable));
  }

  /** This run with {@code measurement} counted and the phase assessed again. */
  public MetricRun record(Measurement measurement) {
    if (phase.completed()) {
      return this;
    }
    int nextSuccessful = successful;
    int nextFailed = failed;
    int nextInconclusive = inconclusive;
    int nextErrors = errors;
    int nextConsecutiveErrors = 0;
    switch (measurement.phase()) {
      case SUCCESSFUL -> nextSuccessful++;
      case FAILED -> nextFailed++;
      case INCONCLUSIVE -> nextInconclusive++;
      case ERROR -> {
        nextErrors++;
        nextConsecutiveErrors = consecutiveErrors + 1;
      }
    }
    List<Measurement> history = new ArrayList<>(measurements);
    history.add(measurement);
    if (history.size() > HISTORY_LIMIT) {
      history.remove(0);
    }
    int nextCount = nextSuccessful + nextFailed + nextInconclusive;
    MetricRun counted = new MetricRun(metric, AnalysisPhase.RUNNING, nextCount, nextSuccessful, nextFailed,
        nextInconclusive, nextErrors, nextConsecutiveErrors, history, message);
    return counted.assessed();
  }

  /**
   * This run told to stop: a metric still running ends Successful, as in Argo, since any exceeded
   * limit would already have completed it.
   */
  public MetricRun terminate() {
    if (phase.completed()) {
      return this;
    }
    return withPhase(AnalysisPhase.SUCCESSFUL, "run terminated after " + tally());
  }

  /** The newest measurement, or {@code null} before the first. */
  public Measurement latest() {
    return measurements.isEmpty() ? null : measurements.get(measurements.size() - 1);
  }

  private MetricRun assessed() {
    // Argo assigns Failed, then Inconclusive, then Error, the last one winning; checking in reverse
    // and stopping at the first is the same verdict.
    if (consecutiveErrors > metric.consecutiveErrorLimit()) {
      return withPhase(AnalysisPhase.ERROR, "consecutiveErrors (" + consecutiveErrors + ") > consecutiveErrorLimit ("
          + metric.consecutiveErrorLimit() + ")");
    }
    if (inconclusive > metric.inconclusiveLimit()) {
      return withPhase(AnalysisPhase.INCONCLUSIVE, "inconclusive (" + inconclusive + ") > inconclusiveLimit ("
          + metric.inconclusiveLimit() + ")");
    }
    if (failed > metric.failureLimit()) {
      return withPhase(AnalysisPhase.FAILED, "failed (" + failed + ") > failureLimit (" + metric.failureLimit() + ")");
    }
    if (metric.count() > 0 && count >= metric.count()) {
      return withPhase(AnalysisPhase.SUCCESSFUL, "count (" + metric.count() + ") reached: " + tally());
    }
    String target = metric.count() > 0 ? count + " of " + metric.count() : count + " (no count: until terminated)";
    return withPhase(AnalysisPhase.RUNNING, "measured " + target + ": " + tally());
  }

  private String tally() {
    return successful + " successful, " + failed + " failed, " + inconclusive + " inconclusive, " + errors + " errors";
  }

  private MetricRun withPhase(AnalysisPhase newPhase, String newMessage) {
    return new MetricRun(metric, newPhase, count, successful, failed, inconclusive, errors, consecutiveErrors,
        measurements, newMessage);
  }
}
