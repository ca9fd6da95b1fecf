package io.mlopsagent.actors.rollout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mlopsagent.actors.analysis.AnalysisPhase;
import io.mlopsagent.actors.analysis.AnalysisRun;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One rollout of a new version of a model, as a state machine: every input (a window, an operator's
 * decision) gives a {@link Transition}. Each step is gated by a fresh analysis run; Successful moves
 * to the next step (or promotes after the last), Inconclusive pauses for an operator, Failed or
 * Error aborts to the stable version, as Argo Rollouts does. A rolling update's steps are its
 * batches and its analysis is the spec's health gate, so a failing batch rolls back the same way. Pure: the caller journals the events
 * and performs the actions; time comes in with each input.
 *
 * @param step the current step, 0-based; after the rollout ends, the step it ended at
 * @param endedAt when it was promoted or aborted, {@code null} before
 * @param analysis the current step's analysis run; after the rollout ends, the last one
 * @param reason why the rollout is where it is
 */
public record Rollout(
    String id,
    String fromVersion,
    String toVersion,
    RolloutSpec spec,
    RolloutStatus status,
    int step,
    Instant startedAt,
    Instant stepStartedAt,
    Instant endedAt,
    AnalysisRun analysis,
    String reason)
    implements CborSerializable {

  public Rollout {
    requireName("rollout id", id);
    requireName("fromVersion", fromVersion);
    requireName("toVersion", toVersion);
    if (fromVersion.equals(toVersion)) {
      throw new IllegalArgumentException("toVersion was '" + toVersion + "', the same as fromVersion; allowed is "
          + "another version");
    }
    Objects.requireNonNull(spec, "spec of rollout " + id);
    Objects.requireNonNull(status, "status of rollout " + id);
    Objects.requireNonNull(startedAt, "startedAt of rollout " + id);
    Objects.requireNonNull(stepStartedAt, "stepStartedAt of rollout " + id);
    Objects.requireNonNull(analysis, "analysis of rollout " + id);
    Objects.requireNonNull(reason, "reason of rollout " + id);
    if (step < 0 || step >= spec.stepCount()) {
      throw new IllegalArgumentException("step of rollout " + id + " was " + step + ", allowed is 0.."
          + (spec.stepCount() - 1));
    }
    if (status.terminal() != (endedAt != null)) {
      throw new IllegalArgumentException("rollout " + id + " is " + status + " with endedAt " + endedAt
          + ": allowed is an end time exactly when promoted or aborted");
    }
  }

  /** A new rollout at its first step, and the actions that begin it. */
  public static Transition start(String id, String fromVersion, String toVersion, RolloutSpec spec, Instant at) {
    Objects.requireNonNull(spec, "spec of rollout " + id);
    Rollout rollout = new Rollout(id, fromVersion, toVersion, spec, RolloutStatus.PROGRESSING, 0, at, at, null,
        spec.newAnalysis(), stepLabel(spec, 0) + " started");
    RolloutAction begin = spec.strategy() == Strategy.BLUE_GREEN
        ? new RolloutAction.DeployPreview(toVersion)
        : stepAction(spec, toVersion, 0);
    return new Transition(rollout, List.of(begin),
        List.of(new RolloutEvent.Started(id, fromVersion, toVersion, spec, at)));
  }

  /**
   * Feeds one observation window to the current step's analysis. Paused and ended rollouts ignore
   * windows.
   *
   * @param canary the window of the new version (the canary, or the blue-green preview), or {@code null}
   * @param stable the window of the stable version, or {@code null}
   */
  public Transition onWindow(Instant at, MetricWindow canary, MetricWindow stable) {
    if (status != RolloutStatus.PROGRESSING) {
      return Transition.quiet(this);
    }
    if (canary == null && awaitingFirstMetrics()) {
      // Pods that are not ready yet are not an analysis error, as long as they come within the deadline.
      if (at.isBefore(startedAt.plus(spec.progressDeadline()))) {
        return Transition.quiet(this);
      }
      return abort(at, toVersion + " reported no metrics within the progress deadline of "
          + spec.progressDeadline().toMinutes() + " min (are its pods ready?)", AnalysisPhase.ERROR, new ArrayList<>());
    }
    AnalysisRun measured = analysis.measure(at, canary, stable);
    Rollout next = withAnalysis(measured);
    AnalysisPhase phase = measured.phase();
    return switch (phase) {
      case RUNNING -> Transition.quiet(next);
      case SUCCESSFUL -> next.passStep(at, measured.reason(), new ArrayList<>());
      case INCONCLUSIVE -> next.pause(at, measured.reason());
      case FAILED, ERROR -> next.abort(at, measured.reason(), phase, new ArrayList<>());
    };
  }

  /**
   * An operator's decision. On a paused rollout PROMOTE passes the paused step and goes on, ABORT
   * aborts; ABORT also stops a progressing rollout. An ended rollout ignores decisions, so a repeated
   * command does no harm.
   *
   * @throws IllegalStateException on PROMOTE while the rollout is progressing: only a pause awaits it
   */
  public Transition resume(Instant at, Decision decision) {
    Objects.requireNonNull(decision, "decision");
    if (status.terminal()) {
      return Transition.quiet(this);
    }
    List<RolloutEvent> events = new ArrayList<>();
    events.add(new RolloutEvent.Resumed(id, decision, at));
    if (decision == Decision.ABORT) {
      String why = status == RolloutStatus.PAUSED_INCONCLUSIVE
          ? "operator aborted after inconclusive analysis: " + analysis.reason()
          : "operator aborted while analysing: " + analysis.reason();
      return abort(at, why, analysis.phase(), events);
    }
    if (status != RolloutStatus.PAUSED_INCONCLUSIVE) {
      throw new IllegalStateException("rollout " + id + " is " + status + " at " + stepLabel(step)
          + ": PROMOTE is allowed only while paused on an inconclusive analysis");
    }
    return passStep(at, "operator promoted past inconclusive analysis: " + analysis.reason(), events);
  }

  @JsonIgnore
  public boolean isTerminal() {
    return status.terminal();
  }

  /** The share of traffic the new version has now. */
  public int newVersionWeight() {
    return switch (status) {
      case PROMOTED -> 100;
      case ABORTED -> 0;
      case PROGRESSING, PAUSED_INCONCLUSIVE -> spec.weight(step);
    };
  }

  private Transition passStep(Instant at, String why, List<RolloutEvent> events) {
    events.add(new RolloutEvent.StepPassed(id, step, spec.weight(step), why, at));
    if (step == spec.stepCount() - 1) {
      events.add(new RolloutEvent.Promoted(id, toVersion, at));
      List<RolloutAction> actions = new ArrayList<>();
      if (spec.strategy() == Strategy.BLUE_GREEN) {
        actions.add(new RolloutAction.SwitchToNew(toVersion));
      }
      actions.add(new RolloutAction.Promote(toVersion, fromVersion));
      Rollout promoted = new Rollout(id, fromVersion, toVersion, spec, RolloutStatus.PROMOTED, step, startedAt,
          stepStartedAt, at, analysis, "promoted after " + stepLabel(step) + ": " + why);
      return new Transition(promoted, actions, events);
    }
    int nextStep = step + 1;
    Rollout next = new Rollout(id, fromVersion, toVersion, spec, RolloutStatus.PROGRESSING, nextStep, startedAt, at,
        null, spec.newAnalysis(), stepLabel(nextStep) + " started after " + stepLabel(step) + " passed: " + why);
    return new Transition(next, List.of(stepAction(spec, toVersion, nextStep)), events);
  }

  /** What puts the new version at {@code step}'s weight: a canary's traffic, or a rolling batch's pods. */
  private static RolloutAction stepAction(RolloutSpec spec, String version, int step) {
    return spec.strategy() == Strategy.ROLLING
        ? new RolloutAction.ReplacePods(version, spec.weight(step))
        : new RolloutAction.SetCanaryWeight(version, spec.weight(step));
  }

  private Transition pause(Instant at, String why) {
    Rollout paused = new Rollout(id, fromVersion, toVersion, spec, RolloutStatus.PAUSED_INCONCLUSIVE, step,
        startedAt, stepStartedAt, null, analysis, "paused at " + stepLabel(step) + ": " + why);
    return new Transition(paused, List.of(), List.of(new RolloutEvent.PausedInconclusive(id, step, why, at)));
  }

  private Transition abort(Instant at, String why, AnalysisPhase phase, List<RolloutEvent> events) {
    events.add(new RolloutEvent.Aborted(id, step, why, phase, at));
    Rollout aborted = new Rollout(id, fromVersion, toVersion, spec, RolloutStatus.ABORTED, step, startedAt,
        stepStartedAt, at, analysis, "aborted at " + stepLabel(step) + ": " + why);
    return new Transition(aborted, List.of(new RolloutAction.AbortToStable(fromVersion, toVersion)), events);
  }

  /** Whether the new version has not yet been measured at all: its pods may still be starting. */
  private boolean awaitingFirstMetrics() {
    return step == 0 && analysis.metrics().stream().allMatch(m -> m.latest() == null);
  }

  private String stepLabel(int index) {
    return stepLabel(spec, index);
  }

  private static String stepLabel(RolloutSpec spec, int index) {
    String where = switch (spec.strategy()) {
      case CANARY -> "canary at " + spec.weight(index) + " %";
      case ROLLING -> "rolling batch to " + spec.weight(index) + " % of pods";
      case BLUE_GREEN -> "blue-green preview";
    };
    return "step " + (index + 1) + " of " + spec.stepCount() + " (" + where + ")";
  }

  private Rollout withAnalysis(AnalysisRun run) {
    return new Rollout(id, fromVersion, toVersion, spec, status, step, startedAt, stepStartedAt, endedAt, run, reason);
  }

  private static void requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " was '" + value + "', allowed is a non-blank name");
    }
  }
}
