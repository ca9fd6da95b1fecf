package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.decide.DecisionContext.Promotion;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.detect.DataGap;
import io.mlopsagent.actors.detect.DetectionStep;
import io.mlopsagent.actors.detect.ModelBaselines;
import io.mlopsagent.actors.metrics.MetricSummaries;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.Transition;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import io.mlopsagent.actors.detect.Signal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a model's entity remembers, rebuilt from its events (or a snapshot and the events
 * after it). Detection and a rollout's analysis are deterministic functions of the windows and the
 * policy in force, so replaying {@code WindowObserved} events reproduces them exactly.
 *
 * @param eventCount events recorded so far; also the sequence number of the newest one
 * @param gapWindows windows that had a data gap (missing, invalid or out of order)
 * @param policy the policy in force, {@code null} before the first window
 * @param workload what the cluster runs, as the entity last learned or changed it
 * @param rollout the current or last rollout
 * @param lastPromotion the newest promotion, watched for a rollback
 * @param recentActions when this model's actions of the last hour (at least the newest) were taken
 * @param rejectedVersions versions that failed a rollout or were rolled back
 * @param lastDetected when each degradation signal was last reported
 * @param lastActed the newest decision whose action has not been confirmed done: re-asserted
 *     after a restart (with the same action id), cleared once the port answers
 * @param cpuPeaks the CPU the model used on its busiest hours of the last week, which a scale-in
 *     must still serve
 * @param deployments what planning and learning need: CPU usage, the rollout in progress as the
 *     learner sees it, a scheduled rollout
 */
public record ModelState(
    long eventCount,
    Instant firstObservedAt,
    MetricWindow latest,
    MetricSummaries summaries,
    ModelBaselines baselines,
    long gapWindows,
    DataGap lastGap,
    Policy policy,
    Workload workload,
    Rollout rollout,
    Promotion lastPromotion,
    List<Instant> recentActions,
    Instant lastRetrainAt,
    Set<String> rejectedVersions,
    Map<Signal, Instant> lastDetected,
    LastActed lastActed,
    CpuPeaks cpuPeaks,
    DeploymentMemory deployments)
    implements CborSerializable {

  /** Actions older than this no longer count toward the hourly budget. */
  static final java.time.Duration BUDGET_WINDOW = java.time.Duration.ofHours(1);

  /** A decision that acted, with its sequence number (its actions' ids derive from it). */
  public record LastActed(long sequenceNr, Decision decision) implements CborSerializable {}

  /** What one window does: the state after it, the detectors' verdict, the rollout's answer. */
  public record Observed(ModelState next, DetectionStep step, Transition rollout) {}

  public ModelState {
    recentActions = recentActions == null ? List.of() : List.copyOf(recentActions);
    rejectedVersions = rejectedVersions == null ? Set.of() : Set.copyOf(rejectedVersions);
    lastDetected = lastDetected == null ? Map.of() : Map.copyOf(lastDetected);
    // Snapshots taken before the peaks were kept have none: they fill again within a day.
    cpuPeaks = cpuPeaks == null ? CpuPeaks.empty() : cpuPeaks;
    deployments = deployments == null ? DeploymentMemory.empty() : deployments;
  }

  public static ModelState empty(int summaryWindows) {
    return new ModelState(0, null, null, MetricSummaries.empty(summaryWindows), ModelBaselines.empty(), 0, null,
        null, null, null, null, List.of(), null, Set.of(), Map.of(), null, CpuPeaks.empty(),
        DeploymentMemory.empty());
  }

  public boolean known() {
    return eventCount > 0;
  }

  public boolean rolloutInProgress() {
    return rollout != null && !rollout.isTerminal();
  }

  boolean isAfterLatest(Instant at) {
    return latest == null || at.isAfter(latest.at());
  }

  /** One window through the detectors and the rollout in progress; pure. */
  Observed observe(ModelWindows windows) {
    MetricWindow overall = windows.overall();
    DetectionStep step = baselines.observe(overall,
        PolicyTranslation.detectorParams(policy), PolicyTranslation.thresholds(policy));
    Transition transition = null;
    Rollout nextRollout = rollout;
    if (rolloutInProgress()) {
      transition = rollout.onWindow(overall.at(), windows.version(rollout.toVersion()),
          windows.version(rollout.fromVersion()));
      nextRollout = transition.rollout();
    }
    boolean gap = step.gap().hasGaps();
    ModelState next = new ModelState(eventCount, firstObservedAt == null ? overall.at() : firstObservedAt,
        overall, summaries.with(overall), step.state(), gapWindows + (gap ? 1 : 0), gap ? step.gap() : lastGap,
        policy, workload, nextRollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed,
        workload == null ? cpuPeaks
            : cpuPeaks.observe(overall.at(), overall.cpuUtilization(), workload.replicas(), workload.cpuCores()),
        deployments.observe(overall, latest == null ? null : latest.at(), workload, policy));
    return new Observed(next, step, transition);
  }

  /** The event handler. (Java 17 has no pattern switch yet, hence the instanceof chain.) */
  public ModelState apply(ModelAgent.Event event) {
    ModelState s = this;
    if (event instanceof ModelAgent.WindowObserved e) {
      s = observe(e.windows()).next();
    } else if (event instanceof ModelAgent.BaselineWarmedUp e) {
      s = warmedUp(e.history());
    } else if (event instanceof ModelAgent.DataGapRecorded e) {
      s = with(gapWindows + 1, e.gap());
    } else if (event instanceof ModelAgent.PolicyApplied e) {
      s = withPolicy(e.policy());
    } else if (event instanceof ModelAgent.RolloutResumed e) {
      s = rolloutInProgress() ? withRollout(rollout.resume(e.at(), e.decision()).rollout()) : this;
    } else if (event instanceof ModelAgent.WorkloadSynced e) {
      s = withWorkload(e.workload());
    } else if (event instanceof Decisions.DegradationDetected d) {
      Map<Signal, Instant> detected = new EnumMap<>(Signal.class);
      detected.putAll(lastDetected);
      detected.put(d.signal(), d.info().at());
      s = new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap, policy,
          workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, detected, lastActed, cpuPeaks, deployments);
    } else if (event instanceof ModelAgent.OutcomeRecorded e) {
      s = withDeployments(deployments.recorded(e.outcome()));
    } else if (event instanceof ModelAgent.ActionCompleted e) {
      s = lastActed != null && lastActed.sequenceNr() == e.sequenceNr() ? acting(null, null) : this;
    } else if (event instanceof ModelAgent.ActionFailed e) {
      // What the cluster runs is no longer known for sure: learn it again. A newer decision's action
      // stays unconfirmed: the failure of one it superseded says nothing of it, and forgetting it
      // would leave its answer unjournaled (or, should it fail too, without its retries).
      s = withWorkload(null).acting(isLastActed(e.actionId()) ? null : lastActed, null);
    } else if (event instanceof Decision d && d.info().actuated()) {
      s = applyDecision(d);
    } else if (event instanceof Decision d) {
      s = recommended(d);
    }
    return s.counted(1);
  }

  private ModelState applyDecision(Decision d) {
    Instant at = d.info().at();
    LastActed acted = new LastActed(eventCount + 1, d);
    if (d instanceof Decisions.RolloutStarted e) {
      return acting(acted, at).withRollout(e.rollout()).withDeployments(deployments.started(e))
          .withWorkload(workload == null ? null
              : workload.withCandidate(e.rollout().toVersion(), e.rollout().newVersionWeight()));
    }
    if (d instanceof Decisions.RolloutScheduled e) {
      return withDeployments(deployments.scheduled(e));
    }
    if (d instanceof Decisions.CanaryStepPassed e) {
      return e.nextWeight() == 0 || workload == null ? this
          : acting(acted, null).withWorkload(workload.withCandidate(rollout.toVersion(), e.nextWeight()));
    }
    if (d instanceof Decisions.RolloutPromoted e) {
      return acting(acted, null).withPromotion(new Promotion(at, e.version(), e.previousVersion()))
          .withWorkload(workload == null ? null : workload.withStable(e.version()).withCandidate(null, 0));
    }
    if (d instanceof Decisions.RolloutAborted e) {
      // Usually the analysis already ended the rollout; a failed action ends it here.
      ModelState ended = rolloutInProgress()
          ? withRollout(rollout.resume(at, io.mlopsagent.actors.rollout.Decision.ABORT).rollout()) : this;
      return ended.acting(acted, null).rejecting(e.version())
          .withWorkload(workload == null ? null : workload.withCandidate(null, 0));
    }
    if (d instanceof Decisions.RolledBack e) {
      return acting(acted, at).rejecting(e.fromVersion()).withPromotion(null)
          .withWorkload(workload == null ? null : workload.withStable(e.toVersion()).withCandidate(null, 0));
    }
    if (d instanceof Decisions.Scaled e) {
      return acting(acted, at)
          .withWorkload(workload == null ? null : workload.withReplicasAndCpu(e.toReplicas(), e.toCpuCores()));
    }
    if (d instanceof Decisions.RetrainingRequested) {
      return acting(acted, at).withRetrainAt(at);
    }
    return this; // degradation_detected and paused_inconclusive only inform
  }

  /** Whether {@code actionId} ({@code model#sequenceNr}) is the action of the unconfirmed decision. */
  private boolean isLastActed(String actionId) {
    return lastActed != null && actionId != null && actionId.endsWith("#" + lastActed.sequenceNr());
  }

  /** The detectors after learning from past windows; nothing else changes (they are not live). */
  private ModelState warmedUp(List<MetricWindow> history) {
    ModelBaselines learned = baselines;
    for (MetricWindow w : history) {
      learned = learned.observe(w, PolicyTranslation.detectorParams(policy), PolicyTranslation.thresholds(policy)).state();
    }
    // Streaks that history left behind are not live breaches.
    learned = learned.withStreaks(Map.of());
    return new ModelState(eventCount, firstObservedAt, latest, summaries, learned, gapWindows, lastGap, policy,
        workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  /**
   * A decision only recorded (mode recommend) changes nothing in the world, but counts against the
   * same brakes, or the same recommendation would come back every window.
   */
  private ModelState recommended(Decision d) {
    Instant at = d.info().at();
    if (d instanceof Decisions.RetrainingRequested) {
      return acting(lastActed, at).withRetrainAt(at);
    }
    if (d instanceof Decisions.RolledBack) {
      return acting(lastActed, at).withPromotion(null);
    }
    if (d instanceof Decisions.RolloutStarted || d instanceof Decisions.Scaled) {
      return acting(lastActed, at);
    }
    return this;
  }

  // ---- small copies; records have no withers ------------------------------------------------

  private ModelState counted(int delta) {
    return new ModelState(eventCount + delta, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  private ModelState with(long gaps, DataGap gap) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gaps, gap,
        policy, workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  private ModelState withPolicy(Policy p) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        p, workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  ModelState withWorkload(Workload w) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, w, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  private ModelState withDeployments(DeploymentMemory d) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed,
        cpuPeaks, d);
  }

  private ModelState withRollout(Rollout r) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, r, lastPromotion, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  private ModelState withPromotion(Promotion p) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, rollout, p, recentActions, lastRetrainAt, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  private ModelState withRetrainAt(Instant at) {
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, rollout, lastPromotion, recentActions, at, rejectedVersions, lastDetected, lastActed, cpuPeaks, deployments);
  }

  private ModelState rejecting(String version) {
    Set<String> rejected = new HashSet<>(rejectedVersions);
    rejected.add(version);
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, rollout, lastPromotion, recentActions, lastRetrainAt, rejected, lastDetected, lastActed, cpuPeaks, deployments);
  }

  /** Records the decision that acted; {@code at} counts against the cooldown when not null. */
  private ModelState acting(LastActed acted, Instant at) {
    List<Instant> actions = recentActions;
    if (at != null) {
      List<Instant> grown = new ArrayList<>();
      for (Instant a : recentActions) {
        if (a.isAfter(at.minus(BUDGET_WINDOW))) {
          grown.add(a);
        }
      }
      grown.add(at);
      actions = grown;
    }
    return new ModelState(eventCount, firstObservedAt, latest, summaries, baselines, gapWindows, lastGap,
        policy, workload, rollout, lastPromotion, actions, lastRetrainAt, rejectedVersions, lastDetected, acted, cpuPeaks, deployments);
  }
}
