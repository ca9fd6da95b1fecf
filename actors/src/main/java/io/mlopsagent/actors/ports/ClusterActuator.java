package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How the agent changes what runs (Kubernetes via fabric8 in production, a simulated cluster in
 * {@code demo} and {@code simulate}). Every change carries an {@link ActionId}: an implementation
 * applies an action id at most once, however often it is asked, and answers the workload as it
 * stands afterwards. A canary, a blue-green preview and the new pods of a rolling update are all a
 * "candidate": a second deployment of another version, with a traffic weight (0 for a preview).
 */
public interface ClusterActuator {

  /** The workload serving {@code model}, empty when the cluster has none. */
  CompletionStage<Optional<Workload>> workload(ModelName model);

  /** Sets the replica count and the CPU request (cores) of each replica. */
  CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores);

  /** Deploys {@code version} beside the stable one, receiving {@code weightPercent} of traffic. */
  CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weightPercent);

  /** Moves the candidate's share of traffic. */
  CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weightPercent);

  /**
   * {@link #deployCandidate} with the split a policy asks for. An adapter with only one way of
   * splitting traffic ignores the request and uses it.
   */
  default CompletionStage<Workload> deployCandidate(
      ActionId action, ModelName model, String version, int weightPercent, TrafficSplit split) {
    return deployCandidate(action, model, version, weightPercent);
  }

  /**
   * {@link #deployCandidate} whose pods request {@code cpuCores} each (the rollout plan's
   * resources; 0: as the stable version's). An adapter refuses a negative or non-finite request;
   * one that cannot size a candidate on its own ignores the request.
   */
  default CompletionStage<Workload> deployCandidate(
      ActionId action, ModelName model, String version, int weightPercent, TrafficSplit split, double cpuCores) {
    return deployCandidate(action, model, version, weightPercent, split);
  }

  /** {@link #setCandidateWeight} with the split a policy asks for. */
  default CompletionStage<Workload> setCandidateWeight(
      ActionId action, ModelName model, int weightPercent, TrafficSplit split) {
    return setCandidateWeight(action, model, weightPercent);
  }

  /**
   * A batch of a rolling update: {@code version} runs on {@code percent} % of the model's pods, the
   * stable version on the rest, as the candidate. Unlike a canary's weight, the model's pods are
   * replaced rather than added to: the stable version gives up as many pods as the new one got in
   * the previous batches (Kubernetes' RollingUpdate with {@code maxUnavailable} 0: a batch's new pods
   * come before the old ones they replace go, so capacity never dips). {@link #removeCandidate}
   * restores the stable version's pods (the rollback), {@link #promoteCandidate} ends the update.
   *
   * <p>The default gives the candidate that share of pods beside the stable version (the replica
   * split), which is what an adapter whose traffic follows a weight needs.
   *
   * @param cpuCores CPU each new pod requests on the first batch; 0: as the stable version's. Later
   *     batches keep what the first one set
   */
  default CompletionStage<Workload> replacePods(
      ActionId action, ModelName model, String version, int percent, double cpuCores) {
    return deployCandidate(action, model, version, percent, TrafficSplit.REPLICAS, cpuCores);
  }

  /** The candidate becomes the stable version and takes all traffic. */
  CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model);

  /** Removes the candidate; the stable version takes all traffic again. */
  CompletionStage<Workload> removeCandidate(ActionId action, ModelName model);

  /** Serves {@code version} as the stable version (a rollback), removing any candidate. */
  CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version);
}
