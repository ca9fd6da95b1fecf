package io.mlopsagent.actors.agent;

/**
 * What one entity incarnation remembers of an action the cluster refused: which one, how often,
 * and whether the next window should try it again (with the same id, so it is applied once however
 * often it is asked). Not journaled: after a restart the unconfirmed action is re-asserted anyway.
 */
final class ActionRetry {
  /** Tries of one action (a 409, a 500, a timeout) before it is journaled as failed. */
  static final int ATTEMPTS = 5;

  private long sequenceNr = -1;
  private int attempts;
  private boolean due;

  /**
   * Counts a failure of the action journaled at {@code failedSequenceNr}.
   *
   * @param unconfirmed whether it is still the entity's unconfirmed action (a newer one replaced it otherwise)
   * @return true when it should be tried again at the next window; false when it has had its tries
   */
  boolean failed(long failedSequenceNr, boolean unconfirmed) {
    attempts = sequenceNr == failedSequenceNr ? attempts + 1 : 1;
    sequenceNr = failedSequenceNr;
    due = unconfirmed && attempts < ATTEMPTS;
    if (!due) {
      sequenceNr = -1;
    }
    return due;
  }

  int attempts() {
    return attempts;
  }

  /** The action to try again now, once: the state's unconfirmed action if a retry of it is due. */
  ModelState.LastActed takeDue(ModelState state) {
    if (!due || state.lastActed() == null || state.lastActed().sequenceNr() != sequenceNr) {
      return null;
    }
    due = false;
    return state.lastActed();
  }
}
