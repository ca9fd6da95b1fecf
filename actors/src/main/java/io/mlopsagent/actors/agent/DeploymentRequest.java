package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.rollout.Strategy;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A deployment asked for from outside the agent (a CI/CD pipeline, an operator): which version,
 * for which environment, by whom and why. Journaled with the rollout it starts.
 *
 * @param strategy the strategy asked for, or null to let the optimizer choose
 */
public record DeploymentRequest(
    String version, String environment, Strategy strategy, String requestedBy, String reason, Instant requestedAt)
    implements CborSerializable {
  public DeploymentRequest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    reason = reason == null ? "" : reason;
  }
}
