package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished rollout, as the learner trains on it: what was known before it started, and how
 * it went.
 *
 * @param result how it ended: promoted, aborted or rolled back (a promotion undone soon after)
 * @param durationSeconds from the start of the rollout to its end
 * @param sloViolationMinutes observation time during the rollout in which the model broke its
 *     service level (the policy's analysis criteria)
 */
public record DeploymentOutcome(
    String model,
    String rolloutId,
    String version,
    Instant startedAt,
    Instant endedAt,
    DeploymentFeatures features,
    Result result,
    double durationSeconds,
    double sloViolationMinutes) implements CborSerializable {

  /** How a rollout ended. */
  public enum Result {
    PROMOTED, ABORTED, ROLLED_BACK;

    public boolean succeeded() {
      return this == PROMOTED;
    }
  }

  public DeploymentOutcome {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(endedAt, "endedAt");
    if (!(durationSeconds >= 0)) {
      throw new IllegalArgumentException("durationSeconds was " + durationSeconds + ", allowed is 0 or more");
    }
  }

  public boolean succeeded() {
    return result.succeeded();
  }
}
