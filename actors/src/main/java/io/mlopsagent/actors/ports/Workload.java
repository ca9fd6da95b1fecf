package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Map;
import java.util.Objects;

/**
 * What the cluster runs for one model: the stable version, an optional candidate (canary or
 * blue-green preview) with the share of traffic it gets, the replica count and the CPU and memory
 * each replica requests.
 *
 * @param candidateVersion {@code null} when no rollout is in progress
 * @param candidateWeight percent of traffic the candidate gets, 0 for a preview
 * @param labels the workload's labels (Kubernetes metadata), which policy overrides may match
 */
public record Workload(
    ModelName model,
    String stableVersion,
    String candidateVersion,
    int candidateWeight,
    int replicas,
    double cpuCores,
    long memoryBytes,
    Map<String, String> labels)
    implements CborSerializable {

  /** A workload whose labels are not known (or not used). */
  public Workload(ModelName model, String stableVersion, String candidateVersion, int candidateWeight, int replicas,
      double cpuCores, long memoryBytes) {
    this(model, stableVersion, candidateVersion, candidateWeight, replicas, cpuCores, memoryBytes, Map.of());
  }

  public Workload {
    // Journals written before labels were read carry none.
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(stableVersion, "stableVersion");
    if (candidateWeight < 0 || candidateWeight > 100) {
      throw new IllegalArgumentException("candidate weight " + candidateWeight + " is out of range: expected 0..100");
    }
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas " + replicas + " is negative");
    }
  }

  public boolean hasCandidate() {
    return candidateVersion != null;
  }

  public Workload withReplicasAndCpu(int newReplicas, double newCpu) {
    return new Workload(model, stableVersion, candidateVersion, candidateWeight, newReplicas, newCpu, memoryBytes,
        labels);
  }

  public Workload withCandidate(String version, int weight) {
    return new Workload(model, stableVersion, version, version == null ? 0 : weight, replicas, cpuCores, memoryBytes,
        labels);
  }

  public Workload withStable(String version) {
    return new Workload(model, version, candidateVersion, candidateWeight, replicas, cpuCores, memoryBytes, labels);
  }
}
