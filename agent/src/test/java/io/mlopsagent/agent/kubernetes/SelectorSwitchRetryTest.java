package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static io.mlopsagent.agent.kubernetes.ModelFixture.deployment;
import static io.mlopsagent.agent.kubernetes.ModelFixture.selects;
import static io.mlopsagent.agent.kubernetes.ModelFixture.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.kubernetes.KubernetesActuatorRetryTest.FlakyApi;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.BlueGreenSwitch;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A selector-switching promotion cut short at each step is finished by its retry or its repeat. */
@EnableKubernetesMockClient(crud = true)
class SelectorSwitchRetryTest {
  private static final ModelName FRAUD = ModelName.of(MODEL);

  KubernetesClient client;
  private ExecutorService executor;
  private FlakyApi api;

  @BeforeEach
  void setUp() {
    executor = Executors.newSingleThreadExecutor();
    ModelFixture.deployBlueGreen(client);
    api = new FlakyApi(new Fabric8ClusterApi(client));
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private KubernetesActuator actuator(int maxRetries) {
    KubernetesSettings settings = new KubernetesSettings(List.of(NAMESPACE), TrafficSplit.REPLICAS, "mlops.ai/version",
        Duration.ofSeconds(5), maxRetries, BlueGreenSwitch.SERVICE_SELECTOR);
    return new KubernetesActuator(api, settings, executor, Backoff.none());
  }

  @Test
  void aConflictOnTheServiceIsRetriedFromAFreshRead() throws Exception {
    KubernetesActuator actuator = actuator(2);
    await(actuator.deployCandidate(ActionId.of(FRAUD, 1), FRAUD, "v2", 0));
    // Someone edits the Service between our read and our write: the PUT answers 409.
    client.services().inNamespace(NAMESPACE).withName(MODEL).edit(s -> {
      s.getMetadata().getAnnotations().put("team", "fraud-squad");
      return s;
    });
    api.failNextServiceUpdates(409, 1);

    var promoted = await(actuator.promoteCandidate(ActionId.of(FRAUD, 2), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(service(client, MODEL).getMetadata().getAnnotations()).containsEntry("team", "fraud-squad");
    assertThat(selects(service(client, MODEL), deployment(client, MODEL + "-green"))).isTrue();
    assertThat(deployment(client, MODEL)).isNull();
  }

  @Test
  void aPromotionCutShortBeforeDeletingTheOldDeploymentIsFinishedByItsRetry() throws Exception {
    KubernetesActuator actuator = actuator(2);
    await(actuator.deployCandidate(ActionId.of(FRAUD, 1), FRAUD, "v2", 0));
    api.failNextDeletes(503, 1);

    var promoted = await(actuator.promoteCandidate(ActionId.of(FRAUD, 2), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(promoted.hasCandidate()).isFalse();
    assertThat(deployment(client, MODEL)).isNull();
    assertThat(deployment(client, MODEL + "-green").getMetadata().getLabels()).containsEntry("mlops.ai/role", "stable");
  }

  @Test
  void aPromotionCutShortBeforeRelabellingServesTheNewVersionAndItsRepeatRelabels() throws Exception {
    KubernetesActuator actuator = actuator(0);
    await(actuator.deployCandidate(ActionId.of(FRAUD, 1), FRAUD, "v2", 0));
    api.failUpdateOnceWhen(d -> "stable".equals(d.getMetadata().getLabels().get("mlops.ai/role")));
    ActionId promote = ActionId.of(FRAUD, 2);

    assertThatThrownBy(() -> await(actuator.promoteCandidate(promote, FRAUD)))
        .cause().isInstanceOf(KubernetesClientException.class);
    // The old Deployment is gone and the Service already selects the green pods.
    assertThat(deployment(client, MODEL)).isNull();
    assertThat(await(actuator.workload(FRAUD)).orElseThrow().stableVersion()).isEqualTo("v2");

    var repeated = await(actuator.promoteCandidate(promote, FRAUD));

    assertThat(repeated.stableVersion()).isEqualTo("v2");
    assertThat(repeated.hasCandidate()).isFalse();
    assertThat(deployment(client, MODEL + "-green").getMetadata().getLabels()).containsEntry("mlops.ai/role", "stable");
  }
}
