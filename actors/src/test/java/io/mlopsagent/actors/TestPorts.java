package io.mlopsagent.actors;

import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.actors.ports.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Ports for tests of the recording side of the entity: a cluster that runs nothing for the model
 * (so the entity only observes), an empty registry, and the shipped policies. Decision flows are
 * tested in the simulation module against the simulated world.
 */
public final class TestPorts {
  private TestPorts() {}

  /** The policies the project ships (surefire runs in the module directory). */
  public static PolicyBook shippedPolicies() {
    try {
      return PolicyLoader.parse(Files.readString(Path.of("..", "conf", "policies.conf"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelAgentPorts observingOnly() {
    PolicyBook policies = shippedPolicies();
    return new ModelAgentPorts(new NoCluster(), model -> CompletableFuture.completedFuture(List.of()),
        (RetrainingTrigger) (id, model, reason) -> CompletableFuture.failedFuture(new IllegalStateException("no trainer")),
        () -> policies);
  }

  private static final class NoCluster implements ClusterActuator {
    @Override
    public CompletionStage<Optional<Workload>> workload(ModelName model) {
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<Workload> scale(ActionId a, ModelName m, int replicas, double cpu) {
      return refuse();
    }

    @Override
    public CompletionStage<Workload> deployCandidate(ActionId a, ModelName m, String v, int w) {
      return refuse();
    }

    @Override
    public CompletionStage<Workload> setCandidateWeight(ActionId a, ModelName m, int w) {
      return refuse();
    }

    @Override
    public CompletionStage<Workload> promoteCandidate(ActionId a, ModelName m) {
      return refuse();
    }

    @Override
    public CompletionStage<Workload> removeCandidate(ActionId a, ModelName m) {
      return refuse();
    }

    @Override
    public CompletionStage<Workload> setStableVersion(ActionId a, ModelName m, String v) {
      return refuse();
    }

    private static CompletionStage<Workload> refuse() {
      return CompletableFuture.failedFuture(new IllegalStateException("this cluster runs nothing"));
    }
  }
}
