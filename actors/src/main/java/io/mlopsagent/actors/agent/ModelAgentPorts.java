package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a model's entity needs from outside itself: the ports it acts through, the policies in force
 * (a supplier, so a reloaded policy file reaches every entity at its next window), the
 * fleet-wide rollout permits, and what rollout plans learn from (without it: the seed's rules,
 * never putting a rollout off).
 */
public record ModelAgentPorts(
    ClusterActuator cluster,
    ModelRegistry registry,
    RetrainingTrigger retraining,
    Supplier<PolicyBook> policies,
    RolloutPermits permits,
    DecisionListener listener,
    io.mlopsagent.actors.learn.FleetLearning learning,
    io.mlopsagent.actors.control.OperatorSwitchBoard switches) {

  /** Told of every decision once it is journaled (metrics, notifications); must not block. */
  @FunctionalInterface
  public interface DecisionListener {
    DecisionListener NONE = (model, decision, state) -> { };

    void decided(io.mlopsagent.actors.model.ModelName model, Decisions.Decision decision, ModelState after);
  }

  public ModelAgentPorts {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(retraining, "retraining");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(permits, "permits");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(learning, "learning");
    Objects.requireNonNull(switches, "switches");
  }

  public ModelAgentPorts(ClusterActuator cluster, ModelRegistry registry, RetrainingTrigger retraining,
      Supplier<PolicyBook> policies, RolloutPermits permits, DecisionListener listener) {
    this(cluster, registry, retraining, policies, permits, listener,
        new io.mlopsagent.actors.learn.FleetLearning(false, java.time.Duration.ZERO),
        new io.mlopsagent.actors.control.OperatorSwitchBoard());
  }

  /** The same ports, rollouts planned with {@code fleetLearning}. */
  public ModelAgentPorts learningFrom(io.mlopsagent.actors.learn.FleetLearning fleetLearning) {
    return new ModelAgentPorts(cluster, registry, retraining, policies, permits, listener, fleetLearning, switches);
  }

  /** The same ports, the operators' pauses read from {@code board}. */
  public ModelAgentPorts switchedBy(io.mlopsagent.actors.control.OperatorSwitchBoard board) {
    return new ModelAgentPorts(cluster, registry, retraining, policies, permits, listener, learning, board);
  }

  /** Ports with the fleet's permits and nobody listening to decisions. */
  public ModelAgentPorts(ClusterActuator cluster, ModelRegistry registry, RetrainingTrigger retraining,
      Supplier<PolicyBook> policies, RolloutPermits permits) {
    this(cluster, registry, retraining, policies, permits, DecisionListener.NONE);
  }

  /** The same ports, with {@code another} told of every decision too, after the listeners there are. */
  public ModelAgentPorts listenedBy(DecisionListener another) {
    DecisionListener first = listener;
    DecisionListener both = first == DecisionListener.NONE ? another : (model, decision, after) -> {
      first.decided(model, decision, after);
      another.decided(model, decision, after);
    };
    return new ModelAgentPorts(cluster, registry, retraining, policies, permits, both, learning, switches);
  }

  /** Ports with permits of their own (one model, or tests). */
  public ModelAgentPorts(
      ClusterActuator cluster, ModelRegistry registry, RetrainingTrigger retraining, Supplier<PolicyBook> policies) {
    this(cluster, registry, retraining, policies, new RolloutPermits(), DecisionListener.NONE);
  }
}
