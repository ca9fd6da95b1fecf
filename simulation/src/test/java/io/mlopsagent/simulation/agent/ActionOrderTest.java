package io.mlopsagent.simulation.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.VersionQuality;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A model's actions reach the cluster in the order they were decided, and each is confirmed or
 * journaled as failed, even when an answer comes after the next decision: as with the Kubernetes
 * actuator, whose retries of one call can outlast several windows (KubernetesApiFaultsEndToEndTest
 * saw a weight set after the promotion, and a rollout started again from a stale answer).
 */
class ActionOrderTest {
  private static final String UPGRADE = "policies.default.rollout.upgrade-check-interval = 10m\n"
      + "policies.default.rollout.strategy = canary";
  private static final Duration AWAIT = Duration.ofSeconds(10);

  @Test
  void theNextActionWaitsForTheAnswerOfThePreviousOneAndBothAreConfirmed() {
    SlowAnswers cluster = new SlowAnswers();
    try (AgentHarness h = rollingOut(cluster)) {
      runUntilAStepPassed(h);

      assertThat(cluster.calls).as("the weight waits for the deployment's answer").containsExactly("deploy");
      long deploy = sequenceOf(h, Decisions.RolloutStarted.class);
      long weight = sequenceOf(h, Decisions.CanaryStepPassed.class);
      cluster.deployAnswer.complete(null);
      cluster.weightAnswer.complete(null);

      h.kit.createTestProbe().awaitAssert(AWAIT, () -> assertThat(confirmed(h)).contains(deploy, weight));
      assertThat(cluster.calls).startsWith("deploy", "weight");
    }
  }

  @Test
  void aSupersededActionsFailureLeavesTheNewerOneToBeConfirmedByItsOwnAnswer() {
    SlowAnswers cluster = new SlowAnswers();
    try (AgentHarness h = rollingOut(cluster)) {
      runUntilAStepPassed(h);
      long deploy = sequenceOf(h, Decisions.RolloutStarted.class);
      long weight = sequenceOf(h, Decisions.CanaryStepPassed.class);

      cluster.deployAnswer.completeExceptionally(new IllegalStateException("503 from the API server"));
      h.kit.createTestProbe().awaitAssert(AWAIT, () -> assertThat(h.journaled(ModelAgent.ActionFailed.class))
          .extracting(ModelAgent.ActionFailed::actionId).containsExactly(h.model + "#" + deploy));
      assertThat(h.state().lastActed()).as("the weight is still unconfirmed").isNotNull()
          .satisfies(a -> assertThat(a.sequenceNr()).isEqualTo(weight));

      cluster.weightAnswer.complete(null);
      h.kit.createTestProbe().awaitAssert(AWAIT, () -> assertThat(confirmed(h)).contains(weight));
      assertThat(h.state().lastActed()).isNull();
    }
  }

  @Test
  void anAnswerThatPredatesANewerDecisionDoesNotOverwriteWhatTheEntityBelieves() {
    SlowAnswers cluster = new SlowAnswers();
    try (AgentHarness h = rollingOut(cluster)) {
      runUntilAStepPassed(h);
      long deploy = sequenceOf(h, Decisions.RolloutStarted.class);
      int decided = h.journaled(Decisions.CanaryStepPassed.class).get(0).nextWeight();

      // The deployment's answer says the candidate has its first weight: true then, stale now.
      cluster.deployAnswer.complete(null);
      h.kit.createTestProbe().awaitAssert(AWAIT, () -> assertThat(confirmed(h)).contains(deploy));

      assertThat(h.state().workload().candidateWeight()).isEqualTo(decided);
      cluster.weightAnswer.complete(null);
    }
  }

  private static AgentHarness rollingOut(SlowAnswers cluster) {
    AgentHarness h = new AgentHarness(7, UPGRADE, real -> cluster.over(real));
    var p = h.world.fleet().profiles().get(7);
    h.world.registry().register(new ModelVersion(h.model, "v2", p.baseAccuracy() + 0.02, Set.of()),
        VersionQuality.of(p), AgentHarness.START);
    return h;
  }

  /** Windows until the canary's first step has passed: the deployment's answer is still held. */
  private static void runUntilAStepPassed(AgentHarness h) {
    Duration ran = Duration.ZERO;
    while (h.journaled(Decisions.CanaryStepPassed.class).isEmpty()) {
      assertThat(ran).as("the first canary step passes within an hour").isLessThan(Duration.ofHours(1));
      h.run(AgentHarness.STEP);
      ran = ran.plus(AgentHarness.STEP);
    }
  }

  private static long sequenceOf(AgentHarness h, Class<? extends Decisions.Decision> type) {
    List<Object> events = h.journal.persistedInStorage(ModelAgent.persistenceId(h.model).id());
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " journaled");
  }

  private static List<Long> confirmed(AgentHarness h) {
    return h.journaled(ModelAgent.ActionCompleted.class).stream().map(ModelAgent.ActionCompleted::sequenceNr).toList();
  }

  /**
   * The world's cluster, changed at once (so the candidate reports metrics and its analysis goes on),
   * but answering the deployment and the first weight only when the test says.
   */
  private static final class SlowAnswers {
    final CompletableFuture<Void> deployAnswer = new CompletableFuture<>();
    final CompletableFuture<Void> weightAnswer = new CompletableFuture<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    ClusterActuator over(ClusterActuator real) {
      return new ClusterActuator() {
        @Override
        public CompletionStage<Optional<Workload>> workload(ModelName model) {
          return real.workload(model);
        }

        @Override
        public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
          return real.scale(action, model, replicas, cpuCores);
        }

        @Override
        public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight) {
          calls.add("deploy");
          CompletionStage<Workload> done = real.deployCandidate(action, model, version, weight);
          return deployAnswer.thenCompose(x -> done);
        }

        @Override
        public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weight,
            TrafficSplit split, double cpuCores) {
          return deployCandidate(action, model, version, weight);
        }

        @Override
        public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weight) {
          boolean first = !calls.contains("weight");
          calls.add("weight");
          CompletionStage<Workload> done = real.setCandidateWeight(action, model, weight);
          return first ? weightAnswer.thenCompose(x -> done) : done;
        }

        @Override
        public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
          calls.add("promote");
          return real.promoteCandidate(action, model);
        }

        @Override
        public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
          calls.add("remove");
          return real.removeCandidate(action, model);
        }

        @Override
        public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
          return real.setStableVersion(action, model, version);
        }
      };
    }
  }
}
