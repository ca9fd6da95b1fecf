package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a model's entity needs from the world: the ports it acts through and the policies in force
 * (a supplier, so a reloaded policy file reaches every entity at its next window).
 */
public record ModelAgentPorts(
    ClusterActuator cluster, ModelRegistry registry, RetrainingTrigger retraining, Supplier<PolicyBook> policies) {

  public ModelAgentPorts {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(retraining, "retraining");
    Objects.requireNonNull(policies, "policies");
  }
}
