package io.mlopsagent.actors.rollout;

/** Where a rollout stands. */
public enum RolloutStatus {
  /** A step is being analysed. */
  PROGRESSING,
  /** A step's analysis was inconclusive: nothing moves until an operator promotes or aborts. */
  PAUSED_INCONCLUSIVE,
  PROMOTED,
  ABORTED;

  public boolean terminal() {
    return this == PROMOTED || this == ABORTED;
  }
}
