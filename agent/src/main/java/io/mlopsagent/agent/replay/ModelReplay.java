package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One model, replayed: what the agent decided, what the candidate would have, and what could not
 * be replayed.
 *
 * @param recorded the journal's decisions within the replayed time range, oldest first
 */
record ModelReplay(String model, List<Decision> recorded, Candidate candidate) {

  ModelReplay {
    recorded = List.copyOf(recorded);
  }

  /** Something about the candidate's run a reader must know to trust the diff. */
  record Note(Instant at, String text) {}

  /**
   * @param decisions the candidate's replayable decisions, oldest first
   * @param windows the recorded windows replayed (within the time range)
   * @param firstAt the first of them, {@code null} when there was none
   */
  record Candidate(List<Decision> decisions, List<Note> notes, long windows, Instant firstAt, Instant lastAt) {
    Candidate {
      decisions = List.copyOf(decisions);
      notes = List.copyOf(notes);
    }
  }

  /** Observation time replayed for this model: first to last window. */
  Duration observed() {
    return candidate.firstAt() == null ? Duration.ZERO : Duration.between(candidate.firstAt(), candidate.lastAt());
  }

  /** The mean time between two replayed windows: what "a window" is when matching decisions. */
  Duration step() {
    return candidate.windows() < 2 ? Duration.ZERO : observed().dividedBy(candidate.windows() - 1);
  }
}
