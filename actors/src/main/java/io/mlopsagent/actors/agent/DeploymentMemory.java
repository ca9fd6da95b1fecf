package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.learn.CpuHistogram;
import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.learn.DeploymentPlan;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.policy.AnalysisPolicy;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What a model's entity keeps for planning deployments and for learning from them: the CPU its
 * replicas used (a decaying histogram, as the VPA recommender keeps), the rollout in progress as the
 * learner will see it, a rollout waiting for its planned start, and the last promotion's outcome
 * (a rollback soon after turns it into a failure).
 *
 * @param current the rollout in progress with what was known when it started; {@code null} if none
 *     (or it started before the agent recorded features)
 * @param scheduled a rollout planned for later; {@code null} if none
 * @param lastPromoted the outcome of the newest promotion, {@code null} after a rollback or before any
 * @param windowSeconds observation time between the last two windows (an analysis measurement
 *     takes one), NaN before two windows
 */
public record DeploymentMemory(CpuHistogram cpuUsage, InFlight current, Scheduled scheduled,
    DeploymentOutcome lastPromoted, double windowSeconds) implements CborSerializable {

  /** Windows further apart than this are a gap: the time between them does not count as violated. */
  private static final Duration MAX_WINDOW = Duration.ofMinutes(10);

  /** A rollout in progress, as the learner will see it once it ends. */
  public record InFlight(String rolloutId, String version, Instant startedAt, DeploymentFeatures features,
      double sloViolationMinutes, Instant lastWindowAt) implements CborSerializable {}

  /** A rollout the plan starts later, out of the fleet's busy hours. */
  public record Scheduled(ModelVersion candidate, Instant notBefore, DeploymentPlan plan, String reason)
      implements CborSerializable {}

  public DeploymentMemory {
    cpuUsage = cpuUsage == null ? CpuHistogram.empty() : cpuUsage;
    // Snapshots from before the interval was kept have 0: not known.
    windowSeconds = windowSeconds > 0 ? windowSeconds : Double.NaN;
  }

  public static DeploymentMemory empty() {
    return new DeploymentMemory(CpuHistogram.empty(), null, null, null, Double.NaN);
  }

  /**
   * One window: the CPU each replica used joins the histogram, and a rollout in progress counts the
   * minutes its model broke the service level.
   */
  DeploymentMemory observe(MetricWindow w, Instant previousAt, Workload workload, Policy policy) {
    double interval = windowSeconds;
    if (previousAt != null && w.at().isAfter(previousAt)) {
      interval = Math.min(Duration.between(previousAt, w.at()).toMillis(), MAX_WINDOW.toMillis()) / 1000.0;
    }
    CpuHistogram usage = cpuUsage;
    if (workload != null && Double.isFinite(w.cpuUtilization()) && w.cpuUtilization() >= 0) {
      usage = usage.add(w.at(), w.cpuUtilization() * workload.cpuCores());
    }
    InFlight inFlight = current;
    if (inFlight != null) {
      double minutes = inFlight.sloViolationMinutes();
      Instant previous = inFlight.lastWindowAt();
      if (policy != null && breaks(w, policy.analysis()) && previous != null && w.at().isAfter(previous)) {
        Duration span = Duration.between(previous, w.at());
        minutes += Math.min(span.toMillis(), MAX_WINDOW.toMillis()) / 60_000.0;
      }
      inFlight = new InFlight(inFlight.rolloutId(), inFlight.version(), inFlight.startedAt(), inFlight.features(),
          minutes, w.at());
    }
    return new DeploymentMemory(usage, inFlight, scheduled, lastPromoted, interval);
  }

  DeploymentMemory started(Decisions.RolloutStarted e) {
    InFlight inFlight = e.features() == null ? null : new InFlight(e.rollout().id(), e.rollout().toVersion(),
        e.info().at(), e.features(), 0, e.info().at());
    return new DeploymentMemory(cpuUsage, inFlight, null, lastPromoted, windowSeconds);
  }

  DeploymentMemory scheduled(Decisions.RolloutScheduled e) {
    return new DeploymentMemory(cpuUsage, current, new Scheduled(e.candidate(), e.plan().startAt(), e.plan(),
        e.info().reason()), lastPromoted, windowSeconds);
  }

  DeploymentMemory recorded(DeploymentOutcome o) {
    return new DeploymentMemory(cpuUsage, o.rolloutId().equals(current == null ? null : current.rolloutId())
        ? null : current, scheduled, o.result() == DeploymentOutcome.Result.PROMOTED ? o : null, windowSeconds);
  }

  /**
   * The scheduled rollout whose time has come at {@code at}, if it still makes sense: its version
   * is neither serving nor rejected since.
   */
  Scheduled due(Instant at, Workload workload, Set<String> rejected) {
    Scheduled s = pending(workload, rejected);
    return s != null && !at.isBefore(s.notBefore()) ? s : null;
  }

  /** The scheduled rollout, if it still makes sense. */
  Scheduled pending(Workload workload, Set<String> rejected) {
    if (scheduled == null || workload == null) {
      return null;
    }
    String version = scheduled.candidate().version();
    return version.equals(workload.stableVersion()) || rejected.contains(version) ? null : scheduled;
  }

  private static boolean breaks(MetricWindow w, AnalysisPolicy slo) {
    return w.accuracy() < slo.minAccuracy() || w.latencyP95Seconds() > slo.maxLatencyP95Seconds()
        || w.errorRate() > slo.maxErrorRate();
  }
}
