package io.mlopsagent.actors.rollout;

/** How a new version takes over from the stable one. */
public enum Strategy {
  /** Traffic moves to the new version in weighted steps, each gated by an analysis run. */
  CANARY,
  /** The new version runs as a preview with no traffic, is analysed, then takes all traffic at once. */
  BLUE_GREEN,
  /**
   * The stable version's pods are replaced by the new version's in batches (Kubernetes'
   * RollingUpdate), each batch gated only by a health check: no comparison with the stable version,
   * one reading per batch. The fastest way, and the riskiest: a version that is healthy but worse
   * (less accurate) reaches every user.
   */
  ROLLING
}
