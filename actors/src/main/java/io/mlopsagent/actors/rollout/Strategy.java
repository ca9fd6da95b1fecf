package io.mlopsagent.actors.rollout;

/** How a new version takes over from the stable one. */
public enum Strategy {
  /** Traffic moves to the new version in weighted steps, each gated by an analysis run. */
  CANARY,
  /** The new version runs as a preview with no traffic, is analysed, then takes all traffic at once. */
  BLUE_GREEN
}
