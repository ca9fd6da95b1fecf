package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static io.mlopsagent.agent.kubernetes.ModelFixture.candidate;
import static io.mlopsagent.agent.kubernetes.ModelFixture.stable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rolling update's batches against the mock API server: pods replaced, never fewer than the model had. */
@EnableKubernetesMockClient(crud = true)
class KubernetesRollingUpdateTest {
  private static final ModelName FRAUD = ModelName.of(MODEL);

  KubernetesClient client;
  private ExecutorService executor;
  private KubernetesActuator actuator;
  private int nextAction;

  @BeforeEach
  void setUp() {
    executor = Executors.newSingleThreadExecutor();
    KubernetesSettings settings = new KubernetesSettings(
        List.of("staging", NAMESPACE), TrafficSplit.REPLICAS, "mlops.ai/version", Duration.ofSeconds(5), 2);
    actuator = new KubernetesActuator(client, settings, executor, Backoff.none());
    ModelFixture.deployStable(client); // v1, 4 replicas of 0.5 cores
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private ActionId newAction() {
    return ActionId.of(FRAUD, ++nextAction);
  }

  private static int replicas(Deployment d) {
    return d.getSpec().getReplicas();
  }

  /** What the Deployment controller would report once {@code n} of the candidate's pods run. */
  private void podsReady(int n) {
    Deployment c = candidate(client);
    c.setStatus(new DeploymentStatusBuilder().withReplicas(c.getSpec().getReplicas()).withReadyReplicas(n).build());
    client.apps().deployments().inNamespace(NAMESPACE).resource(c).updateStatus();
  }

  @Test
  void eachBatchAddsItsNewPodsAndOnlyThenRemovesThePreviousBatchsOldOnes() throws Exception {
    Workload first = await(actuator.replacePods(newAction(), FRAUD, "v2", 25, 1.0));

    assertThat(first.candidateVersion()).isEqualTo("v2");
    assertThat(first.candidateWeight()).isEqualTo(25);
    assertThat(first.replicas()).isEqualTo(4); // the model's replicas, not the shrinking stable's
    assertThat(replicas(candidate(client))).isEqualTo(1);
    assertThat(replicas(stable(client))).isEqualTo(4); // surge: nothing old goes before its replacement ran
    assertThat(candidate(client).getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
        .getRequests().get("cpu").getNumericalAmount()).isEqualByComparingTo("1");
    assertThat(stable(client).getMetadata().getAnnotations()).containsEntry("mlops.ai/rolling", "4/25");

    podsReady(1);
    await(actuator.replacePods(newAction(), FRAUD, "v2", 50, 0));
    assertThat(replicas(candidate(client))).isEqualTo(2);
    assertThat(replicas(stable(client))).isEqualTo(3);
    // A later batch keeps the CPU the first one set.
    assertThat(candidate(client).getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
        .getRequests().get("cpu").getNumericalAmount()).isEqualByComparingTo("1");

    podsReady(2);
    await(actuator.replacePods(newAction(), FRAUD, "v2", 75, 0));
    assertThat(replicas(candidate(client))).isEqualTo(3);
    assertThat(replicas(stable(client))).isEqualTo(2);

    podsReady(3);
    await(actuator.replacePods(newAction(), FRAUD, "v2", 100, 0));
    assertThat(replicas(candidate(client))).isEqualTo(4);
    assertThat(replicas(stable(client))).isEqualTo(1);

    Workload promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(promoted.hasCandidate()).isFalse();
    assertThat(promoted.replicas()).isEqualTo(4);
    assertThat(candidate(client)).isNull();
    assertThat(replicas(stable(client))).isEqualTo(4);
    assertThat(stable(client).getMetadata().getAnnotations()).doesNotContainKey("mlops.ai/rolling");
  }

  @Test
  void anOldPodGoesOnlyWhenANewOneIsReadyToTakeItsPlace() throws Exception {
    await(actuator.replacePods(newAction(), FRAUD, "v2", 25, 0));
    await(actuator.replacePods(newAction(), FRAUD, "v2", 50, 0));

    // The first batch's pod is not ready yet: nothing old goes, the surge grows instead.
    assertThat(replicas(candidate(client))).isEqualTo(2);
    assertThat(replicas(stable(client))).isEqualTo(4);

    podsReady(2);
    await(actuator.replacePods(newAction(), FRAUD, "v2", 75, 0));
    assertThat(replicas(candidate(client))).isEqualTo(3);
    assertThat(replicas(stable(client))).isEqualTo(2);
  }

  @Test
  void aRollbackRestoresTheStableVersionsPods() throws Exception {
    await(actuator.replacePods(newAction(), FRAUD, "v2", 25, 0));
    podsReady(1);
    await(actuator.replacePods(newAction(), FRAUD, "v2", 50, 0));
    assertThat(replicas(stable(client))).isEqualTo(3);

    Workload rolledBack = await(actuator.removeCandidate(newAction(), FRAUD));

    assertThat(rolledBack.stableVersion()).isEqualTo("v1");
    assertThat(rolledBack.hasCandidate()).isFalse();
    assertThat(candidate(client)).isNull();
    assertThat(replicas(stable(client))).isEqualTo(4);
    assertThat(stable(client).getMetadata().getAnnotations()).doesNotContainKey("mlops.ai/rolling");
  }

  @Test
  void aRepeatedBatchChangesNothingMore() throws Exception {
    await(actuator.replacePods(newAction(), FRAUD, "v2", 25, 0));
    podsReady(1);
    ActionId second = newAction();
    await(actuator.replacePods(second, FRAUD, "v2", 50, 0));

    Workload again = await(actuator.replacePods(second, FRAUD, "v2", 50, 0));

    assertThat(again.candidateWeight()).isEqualTo(50);
    assertThat(replicas(candidate(client))).isEqualTo(2);
    assertThat(replicas(stable(client))).isEqualTo(3);
  }

  @Test
  void anInvalidBatchIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> await(actuator.replacePods(newAction(), FRAUD, "v2", 0, 0)))
        .hasMessageContaining("rolling batch to 0 % of the pods of " + MODEL + " is invalid: expected 1..100");
    assertThatThrownBy(() -> await(actuator.replacePods(newAction(), FRAUD, "v 2", 25, 0)))
        .hasMessageContaining("version 'v 2'");
  }

  @Test
  void batchesRoundUpSoAOnePodModelStillMovesInOneBatch() {
    assertThat(RollingUpdate.batchReplicas(4, 25)).isEqualTo(1);
    assertThat(RollingUpdate.batchReplicas(3, 25)).isEqualTo(1);
    assertThat(RollingUpdate.batchReplicas(3, 50)).isEqualTo(2);
    assertThat(RollingUpdate.batchReplicas(1, 25)).isEqualTo(1);
    assertThat(RollingUpdate.batchReplicas(4, 0)).isZero();
  }
}
