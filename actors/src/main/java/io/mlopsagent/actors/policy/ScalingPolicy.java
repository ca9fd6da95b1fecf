package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;

/**
 * How a model may be scaled when it is saturated or wasteful. Built and checked by
 * {@link PolicyLoader}.
 *
 * @param enabled whether the agent scales this model at all
 * @param minReplicas fewest replicas the agent scales in to
 * @param maxReplicas most replicas the agent scales out to
 * @param factor each scale-out multiplies (and each scale-in divides) the resource by this
 * @param resource what is scaled
 * @param minCpu smallest CPU request per replica, in cores
 * @param maxCpu largest CPU request per replica, in cores
 */
public record ScalingPolicy(
    boolean enabled,
    int minReplicas,
    int maxReplicas,
    double factor,
    ScalingResource resource,
    double minCpu,
    double maxCpu) implements CborSerializable {

  public ScalingPolicy {
    Objects.requireNonNull(resource, "resource");
    if (minReplicas > maxReplicas) {
      throw new IllegalArgumentException("min-replicas " + minReplicas + " exceeds max-replicas " + maxReplicas);
    }
    if (minCpu > maxCpu) {
      throw new IllegalArgumentException("min-cpu " + minCpu + " exceeds max-cpu " + maxCpu);
    }
  }
}
