package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static io.mlopsagent.agent.kubernetes.ModelFixture.deployment;
import static io.mlopsagent.agent.kubernetes.ModelFixture.selects;
import static io.mlopsagent.agent.kubernetes.ModelFixture.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.BlueGreenSwitch;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** blue-green-switch service-selector against the mock API server: the Service selector is the switch. */
@EnableKubernetesMockClient(crud = true)
class ServiceSelectorBlueGreenTest {
  private static final ModelName FRAUD = ModelName.of(MODEL);

  KubernetesClient client;
  private ExecutorService executor;
  private KubernetesActuator actuator;
  private int nextAction;

  @BeforeEach
  void setUp() {
    executor = Executors.newSingleThreadExecutor();
    KubernetesSettings settings = new KubernetesSettings(List.of(NAMESPACE), TrafficSplit.REPLICAS, "mlops.ai/version",
        Duration.ofSeconds(5), 2, BlueGreenSwitch.SERVICE_SELECTOR);
    actuator = new KubernetesActuator(client, settings, executor, Backoff.none());
    ModelFixture.deployBlueGreen(client);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private ActionId newAction() {
    return ActionId.of(FRAUD, ++nextAction);
  }

  @Test
  void aPreviewRunsOneReplicaBehindThePreviewServiceOnlyNotBehindTheMainOne() throws Exception {
    Workload preview = await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));

    assertThat(preview.candidateVersion()).isEqualTo("v2");
    assertThat(preview.candidateWeight()).isZero();
    Deployment green = deployment(client, MODEL + "-green");
    assertThat(green.getSpec().getReplicas()).isEqualTo(1);
    assertThat(green.getMetadata().getLabels()).containsEntry("mlops.ai/role", "candidate");
    assertThat(green.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("mlops.ai/slot", "green").containsEntry("mlops.ai/version", "v2").doesNotContainKey("mlops.ai/role");
    assertThat(green.getSpec().getSelector().getMatchLabels()).containsEntry("mlops.ai/slot", "green");
    Service main = service(client, MODEL);
    assertThat(main.getSpec().getSelector()).containsExactlyInAnyOrderEntriesOf(
        Map.of("mlops.ai/model", MODEL, "mlops.ai/role", "stable"));
    assertThat(selects(main, green)).isFalse();
    assertThat(selects(main, deployment(client, MODEL))).isTrue();
    Service previewService = service(client, MODEL + "-preview");
    assertThat(selects(previewService, green)).isTrue();
    assertThat(selects(previewService, deployment(client, MODEL))).isFalse();
    assertThat(previewService.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
  }

  @Test
  void promotionPointsTheServiceAtTheNewPodsThenRetiresTheOldDeployment() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));

    Workload promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted).usingRecursiveComparison().ignoringFields("labels")
        .isEqualTo(new Workload(FRAUD, "v2", null, 0, 4, 0.5, 512L * 1024 * 1024));
    assertThat(deployment(client, MODEL)).as("the old stable Deployment").isNull();
    Deployment green = deployment(client, MODEL + "-green");
    assertThat(green.getMetadata().getLabels()).containsEntry("mlops.ai/role", "stable");
    assertThat(green.getMetadata().getAnnotations()).doesNotContainKey("mlops.ai/candidate-weight");
    assertThat(green.getSpec().getReplicas()).isEqualTo(4);
    Service main = service(client, MODEL);
    assertThat(main.getSpec().getSelector()).containsExactlyInAnyOrderEntriesOf(
        Map.of("mlops.ai/model", MODEL, "mlops.ai/slot", "green"));
    assertThat(selects(main, green)).isTrue();
    assertThat(selects(service(client, MODEL + "-preview"), green)).as("preview Service after promotion").isFalse();
  }

  @Test
  void theNextReleaseTakesTheOtherSlotAndSwitchesBack() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));
    await(actuator.promoteCandidate(newAction(), FRAUD));

    await(actuator.deployCandidate(newAction(), FRAUD, "v3", 0));
    Deployment blue = deployment(client, MODEL + "-blue");
    assertThat(blue.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("mlops.ai/slot", "blue");
    assertThat(selects(service(client, MODEL), blue)).isFalse();
    assertThat(selects(service(client, MODEL + "-preview"), blue)).isTrue();

    Workload promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v3");
    assertThat(deployment(client, MODEL + "-green")).isNull();
    assertThat(service(client, MODEL).getSpec().getSelector()).containsEntry("mlops.ai/slot", "blue");
    assertThat(deployment(client, MODEL + "-blue").getMetadata().getLabels()).containsEntry("mlops.ai/role", "stable");
  }

  @Test
  void repeatingActionIdsChangesNothing() throws Exception {
    ActionId deploy = newAction();
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 0));
    List<String> afterDeploy = versions();

    await(actuator.deployCandidate(deploy, FRAUD, "v2", 0));

    assertThat(versions()).isEqualTo(afterDeploy);

    ActionId promote = newAction();
    await(actuator.promoteCandidate(promote, FRAUD));
    List<String> afterPromotion = versions();
    Workload repeated = await(actuator.promoteCandidate(promote, FRAUD));

    assertThat(repeated.stableVersion()).isEqualTo("v2");
    assertThat(versions()).isEqualTo(afterPromotion);
  }

  @Test
  void rollbackAfterASwitchRunsTheOldVersionBehindTheSwitchedSelector() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));
    await(actuator.promoteCandidate(newAction(), FRAUD));

    Workload rolledBack = await(actuator.setStableVersion(newAction(), FRAUD, "v1"));

    assertThat(rolledBack.stableVersion()).isEqualTo("v1");
    assertThat(rolledBack.hasCandidate()).isFalse();
    Deployment green = deployment(client, MODEL + "-green");
    assertThat(green.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.local:5000/ml/fraud:v1");
    assertThat(selects(service(client, MODEL), green)).isTrue();
  }

  @Test
  void abortingAPreviewDeletesItAndLeavesTheServiceOnTheStablePods() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));

    Workload aborted = await(actuator.removeCandidate(newAction(), FRAUD));

    assertThat(aborted.hasCandidate()).isFalse();
    assertThat(deployment(client, MODEL + "-green")).isNull();
    assertThat(service(client, MODEL).getSpec().getSelector()).containsEntry("mlops.ai/role", "stable");
  }

  @Test
  void aCanarySharesTheServiceByReplicasAndItsAbortNarrowsItAgain() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 50));

    Deployment green = deployment(client, MODEL + "-green");
    assertThat(green.getSpec().getReplicas()).isEqualTo(4);
    assertThat(selects(service(client, MODEL), green)).isTrue();
    assertThat(selects(service(client, MODEL), deployment(client, MODEL))).isTrue();

    await(actuator.removeCandidate(newAction(), FRAUD));

    assertThat(service(client, MODEL).getSpec().getSelector()).containsExactlyInAnyOrderEntriesOf(
        Map.of("mlops.ai/model", MODEL, "mlops.ai/role", "stable"));
  }

  @Test
  void aModelWithoutServiceFailsNamingTheModelAndNamespace() {
    client.services().inNamespace(NAMESPACE).withName(MODEL).delete();

    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0)))
        .cause().isInstanceOf(MissingWorkloadException.class)
        .hasMessageContaining("mlops.ai/model=fraud").hasMessageContaining("namespace models");
  }

  /** resourceVersions of everything the actuator may write: equal lists mean no write happened. */
  private List<String> versions() {
    return Stream.concat(
            client.apps().deployments().inNamespace(NAMESPACE).list().getItems().stream(),
            client.services().inNamespace(NAMESPACE).list().getItems().stream())
        .map(HasMetadata::getMetadata)
        .map(m -> m.getName() + "@" + m.getResourceVersion())
        .sorted()
        .toList();
  }
}
