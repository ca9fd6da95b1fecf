package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How the agent changes what runs (Kubernetes via fabric8 in production, a simulated cluster in
 * {@code demo} and {@code simulate}). Every change carries an {@link ActionId}; an implementation
 * applies an action id at most once, however often it is asked.
 */
public interface ClusterActuator {

  /** The workload serving {@code model}, empty when the cluster has none. */
  CompletionStage<Optional<Workload>> workload(ModelName model);

  /** Sets the replica count of the model's workload; answers the workload as it now stands. */
  CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas);
}
