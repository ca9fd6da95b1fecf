package io.mlopsagent.actors.rollout;

import io.mlopsagent.persistence.CborSerializable;

/**
 * What the caller must make the cluster do after it has journaled a transition's events. Each
 * action names its versions, so whoever performs it needs nothing else of the rollout.
 */
public sealed interface RolloutAction extends CborSerializable {

  /** Route {@code weight} % of traffic to the canary, the rest to the stable version. */
  record SetCanaryWeight(String canaryVersion, int weight) implements RolloutAction {}

  /**
   * Rolling update: the new version runs on {@code percent} % of the model's pods, the stable
   * version on the rest (the stable's pods shrink as the new version's grow).
   */
  record ReplacePods(String version, int percent) implements RolloutAction {}

  /** Start the new version beside the stable one, reachable for analysis but given no traffic. */
  record DeployPreview(String version) implements RolloutAction {}

  /** Blue-green: move all traffic to the new version at once. */
  record SwitchToNew(String version) implements RolloutAction {}

  /** The new version becomes the stable one; the old one may be retired. */
  record Promote(String version, String previousVersion) implements RolloutAction {}

  /** All traffic back to the stable version; the new one is abandoned. */
  record AbortToStable(String stableVersion, String abandonedVersion) implements RolloutAction {}
}
