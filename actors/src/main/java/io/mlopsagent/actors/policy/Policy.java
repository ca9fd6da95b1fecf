package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;

/**
 * Everything the agent may do for one model, and how. A resolved policy is always complete: an
 * override's missing fields were taken from the default when the book was loaded.
 *
 * @param name {@code default} or the name of the override that chose it; journaled with each
 *     decision so an operator can tell which policy acted
 */
public record Policy(
    String name,
    PolicyMode mode,
    DetectionPolicy detection,
    ScalingPolicy scaling,
    RolloutPolicy rollout,
    AnalysisPolicy analysis,
    SafetyPolicy safety) implements CborSerializable {

  /** The name of the policy every model falls back to. */
  public static final String DEFAULT_NAME = "default";

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(scaling, "scaling");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(safety, "safety");
  }
}
