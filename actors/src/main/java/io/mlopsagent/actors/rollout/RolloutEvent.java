package io.mlopsagent.actors.rollout;

import io.mlopsagent.actors.analysis.AnalysisPhase;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;

/**
 * What a rollout decided, for the journal: the audit trail of every step with its reasons. The
 * state itself is rebuilt by feeding {@link Rollout} the same inputs again (start, windows,
 * operator decisions), which is deterministic; these events say what happened and why.
 */
public sealed interface RolloutEvent extends CborSerializable {

  String rolloutId();

  Instant at();

  record Started(String rolloutId, String fromVersion, String toVersion, RolloutSpec spec, Instant at)
      implements RolloutEvent {}

  /** The analysis of {@code step} (0-based) at {@code weight} % passed, or an operator passed it. */
  record StepPassed(String rolloutId, int step, int weight, String reason, Instant at) implements RolloutEvent {}

  record PausedInconclusive(String rolloutId, int step, String reason, Instant at) implements RolloutEvent {}

  record Resumed(String rolloutId, Decision decision, Instant at) implements RolloutEvent {}

  record Promoted(String rolloutId, String version, Instant at) implements RolloutEvent {}

  /** {@code phase} is the analysis phase that caused the abort (Running when an operator aborted mid-step). */
  record Aborted(String rolloutId, int step, String reason, AnalysisPhase phase, Instant at) implements RolloutEvent {}
}
