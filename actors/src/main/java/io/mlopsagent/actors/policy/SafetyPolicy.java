package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Brakes on the agent itself, so a flapping metric or a bad detector cannot churn the fleet. Built
 * and checked by {@link PolicyLoader}.
 *
 * @param cooldown observation time after an action on a model before the next one on that model
 * @param maxActionsPerHour actions on one model within any hour of observation time
 * @param maxConcurrentRollouts rollouts in flight across the whole fleet; only the default policy
 *     sets it, so every resolved policy carries the same value
 * @param retrainCooldown observation time between two retrainings of a model
 */
public record SafetyPolicy(
    Duration cooldown,
    int maxActionsPerHour,
    int maxConcurrentRollouts,
    Duration retrainCooldown) implements CborSerializable {

  public SafetyPolicy {
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(retrainCooldown, "retrainCooldown");
  }
}
