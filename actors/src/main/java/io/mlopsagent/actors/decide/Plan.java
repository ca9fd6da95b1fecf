package io.mlopsagent.actors.decide;

import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.ports.ModelVersion;
import java.util.Map;

/**
 * What the decider wants done, with why and the numbers behind it. The entity journals each plan
 * as a decision event and only then acts on it.
 */
public sealed interface Plan {

  /** Why, in one sentence an operator can read. */
  String reason();

  /** The numbers behind the decision: metric values, baselines, thresholds, scores. */
  Map<String, Double> inputs();

  /** A degradation rule fired for the first time in this streak. */
  record Degradation(Signal signal, String reason, Map<String, Double> inputs) implements Plan {}

  /** Roll out another version. */
  record StartRollout(ModelVersion candidate, Signal trigger, String reason, Map<String, Double> inputs)
      implements Plan {}

  /** Ask the training system for a new version. */
  record Retrain(String reason, Map<String, Double> inputs) implements Plan {}

  /** Change replicas and/or the CPU each replica requests. */
  record Scale(boolean out, int replicas, double cpuCores, String reason, Map<String, Double> inputs)
      implements Plan {}

  /** Serve the previous version again. */
  record RollBack(String fromVersion, String toVersion, String reason, Map<String, Double> inputs)
      implements Plan {}

  /**
   * The decision needs the registry's versions: the entity fetches them and asks
   * {@link Decider#withVersions} again.
   *
   * @param trigger the degradation that asks, or {@code null} for a healthy model's periodic check
   *     for a better version ({@code rollout.upgrade-check-interval})
   */
  record NeedVersions(Signal trigger, String reason, Map<String, Double> inputs) implements Plan {
    public static NeedVersions upgradeCheck() {
      return new NeedVersions(null, "periodic check of the registry for a version that validates better", Map.of());
    }

    public boolean isUpgradeCheck() {
      return trigger == null;
    }
  }
}
