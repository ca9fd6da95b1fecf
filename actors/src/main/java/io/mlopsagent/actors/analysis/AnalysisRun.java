package io.mlopsagent.actors.analysis;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One analysis run: every metric measured on each window until all are complete, then the run's
 * phase is the worst of theirs (Argo Rollouts' assessRunStatus and IsWorse). As in Argo, once a
 * metric ends Failed, Error or Inconclusive the run is terminating: the metrics still running stop
 * and count as Successful, so the verdict comes at once. A run with no metrics is an Error, as Argo
 * answers an AnalysisRun whose spec lists none.
 */
public record AnalysisRun(List<MetricRun> metrics) implements CborSerializable {

  static final String NO_METRICS = "analysis spec invalid: no metrics specified";

  public AnalysisRun {
    metrics = List.copyOf(metrics);
    Set<String> names = new HashSet<>();
    for (MetricRun run : metrics) {
      if (!names.add(run.metric().name())) {
        throw new IllegalArgumentException("analysis run: metric name '" + run.metric().name()
            + "' appears twice, allowed are unique names");
      }
    }
  }

  /** A fresh run of {@code metrics}, nothing measured yet. */
  public static AnalysisRun of(List<AnalysisMetric> metrics) {
    return new AnalysisRun(metrics.stream().map(MetricRun::start).toList());
  }

  /**
   * This run after one observation window.
   *
   * @param canary the window of the version under analysis, or {@code null} (every metric errs)
   * @param stable the window of the stable version, or {@code null} (relative conditions err)
   */
  public AnalysisRun measure(Instant at, MetricWindow canary, MetricWindow stable) {
    if (phase().completed()) {
      return this;
    }
    List<MetricRun> measured = metrics.stream().map(m -> m.measure(at, canary, stable)).toList();
    boolean terminating = measured.stream().anyMatch(m -> m.phase().completed() && m.phase() != AnalysisPhase.SUCCESSFUL);
    return terminating ? new AnalysisRun(measured).terminate() : new AnalysisRun(measured);
  }

  /** This run told to stop (what ends a run whose metrics have no count): running metrics succeed. */
  public AnalysisRun terminate() {
    return new AnalysisRun(metrics.stream().map(MetricRun::terminate).toList());
  }

  /** Running while any metric runs, else the worst phase of the metrics. */
  public AnalysisPhase phase() {
    if (metrics.isEmpty()) {
      return AnalysisPhase.ERROR;
    }
    if (metrics.stream().anyMatch(m -> !m.phase().completed())) {
      return AnalysisPhase.RUNNING;
    }
    return worst().phase();
  }

  /** Why the run is in its phase: the metric, its values and the limit behind the verdict. */
  public String reason() {
    if (metrics.isEmpty()) {
      return NO_METRICS;
    }
    AnalysisPhase phase = phase();
    if (phase == AnalysisPhase.RUNNING) {
      return "running: " + metrics.stream()
          .map(m -> "'" + m.metric().name() + "' " + m.phase().label() + ", " + m.message())
          .collect(Collectors.joining("; "));
    }
    if (phase == AnalysisPhase.SUCCESSFUL) {
      return "all " + metrics.size() + " metrics successful: " + metrics.stream()
          .map(m -> "'" + m.metric().name() + "' " + m.message())
          .collect(Collectors.joining("; "));
    }
    MetricRun worst = worst();
    Measurement latest = worst.latest();
    return "metric '" + worst.metric().name() + "' assessed " + worst.phase().label() + " due to " + worst.message()
        + (latest == null ? "" : "; latest measurement at " + latest.at() + ": " + latest.message());
  }

  /** The first metric with the worst phase: Argo keeps the first one it meets, so do we. */
  private MetricRun worst() {
    MetricRun worst = metrics.get(0);
    for (MetricRun run : metrics) {
      if (run.phase().isWorseThan(worst.phase())) {
        worst = run;
      }
    }
    return worst;
  }
}
