package io.mlopsagent.actors.rollout;

/** An operator's answer to a paused rollout. */
public enum Decision {
  /** Count the paused step as passed and go on. */
  PROMOTE,
  /** Send all traffic back to the stable version. */
  ABORT
}
