package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static io.mlopsagent.agent.kubernetes.ModelFixture.candidate;
import static io.mlopsagent.agent.kubernetes.ModelFixture.stable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesActuatorTest {
  private static final ModelName FRAUD = ModelName.of(MODEL);
  private static final io.mlopsagent.actors.ports.TrafficSplit AS_CONFIGURED =
      io.mlopsagent.actors.ports.TrafficSplit.CLUSTER_DEFAULT;

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
    ModelFixture.deployStable(client);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private ActionId newAction() {
    return ActionId.of(FRAUD, ++nextAction);
  }

  @Test
  void readsVersionReplicasAndResourcesOfTheStableDeployment() throws Exception {
    Workload w = await(actuator.workload(FRAUD)).orElseThrow();

    assertThat(w).usingRecursiveComparison().ignoringFields("labels")
        .isEqualTo(new Workload(FRAUD, "v1", null, 0, 4, 0.5, 512L * 1024 * 1024));
    assertThat(w.labels()).containsEntry("mlops.ai/model", FRAUD.value());
  }

  @Test
  void canaryMovesTrafficByReplicasThenPromotionRunsTheNewVersionAsStable() throws Exception {
    Workload deployed = await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10));

    assertThat(deployed.candidateVersion()).isEqualTo("v2");
    assertThat(deployed.candidateWeight()).isEqualTo(10);
    Deployment canary = candidate(client);
    assertThat(canary.getMetadata().getLabels())
        .containsEntry("mlops.ai/role", "candidate").containsEntry("mlops.ai/version", "v2");
    assertThat(canary.getSpec().getSelector().getMatchLabels()).containsEntry("mlops.ai/role", "candidate");
    assertThat(canary.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("mlops.ai/version", "v2").containsEntry("mlops.ai/role", "candidate");
    assertThat(images(canary)).containsExactly("registry.local:5000/ml/fraud:v2", "envoyproxy/envoy:1.31");
    assertThat(canary.getSpec().getReplicas()).isEqualTo(1); // 4 x 10/90 rounds to 0, but a canary runs

    assertThat(await(actuator.setCandidateWeight(newAction(), FRAUD, 25)).candidateWeight()).isEqualTo(25);
    assertThat(candidate(client).getSpec().getReplicas()).isEqualTo(1); // 4 x 25/75 = 1.33
    await(actuator.setCandidateWeight(newAction(), FRAUD, 50));
    assertThat(candidate(client).getSpec().getReplicas()).isEqualTo(4);
    await(actuator.setCandidateWeight(newAction(), FRAUD, 100));
    assertThat(candidate(client).getMetadata().getAnnotations()).containsEntry("mlops.ai/candidate-weight", "100");

    Workload promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted).usingRecursiveComparison().ignoringFields("labels")
        .isEqualTo(new Workload(FRAUD, "v2", null, 0, 4, 0.5, 512L * 1024 * 1024));
    assertThat(candidate(client)).isNull();
    Deployment stable = stable(client);
    assertThat(images(stable)).containsExactly("registry.local:5000/ml/fraud:v2", "envoyproxy/envoy:1.31");
    assertThat(stable.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("mlops.ai/version", "v2").doesNotContainKey("mlops.ai/role");
    assertThat(stable.getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void blueGreenPreviewTakesNoTrafficUntilPromoted() throws Exception {
    Workload preview = await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));

    assertThat(preview.candidateVersion()).isEqualTo("v2");
    assertThat(preview.candidateWeight()).isZero();
    // Behind the model's one Service, any preview pod would serve users: REPLICAS keeps it at zero.
    assertThat(candidate(client).getSpec().getReplicas()).isZero();
    assertThat(stable(client).getSpec().getReplicas()).isEqualTo(4);

    Workload promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(promoted.hasCandidate()).isFalse();
    assertThat(candidate(client)).isNull();
  }

  @Test
  void rollbackServesTheGivenVersionAndRemovesTheCandidate() throws Exception {
    await(actuator.promoteCandidate(newAction(), FRAUD).exceptionally(e -> null)); // nothing to promote yet
    await(actuator.setStableVersion(newAction(), FRAUD, "v2"));
    await(actuator.deployCandidate(newAction(), FRAUD, "v3", 20));

    Workload rolledBack = await(actuator.setStableVersion(newAction(), FRAUD, "v1"));

    assertThat(rolledBack.stableVersion()).isEqualTo("v1");
    assertThat(rolledBack.hasCandidate()).isFalse();
    assertThat(candidate(client)).isNull();
    assertThat(images(stable(client)).get(0)).isEqualTo("registry.local:5000/ml/fraud:v1");
  }

  @Test
  void abortRemovesTheCandidateAndLeavesTheStableVersionRunning() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 30));
    Deployment stableBefore = stable(client);

    Workload aborted = await(actuator.removeCandidate(newAction(), FRAUD));

    assertThat(aborted).usingRecursiveComparison().ignoringFields("labels")
        .isEqualTo(new Workload(FRAUD, "v1", null, 0, 4, 0.5, 512L * 1024 * 1024));
    assertThat(candidate(client)).isNull();
    assertThat(stable(client).getSpec().getTemplate()).isEqualTo(stableBefore.getSpec().getTemplate());
  }

  @Test
  void scaleSetsReplicasAndCpuRequestKeepingTheLimitRatio() throws Exception {
    Workload scaled = await(actuator.scale(newAction(), FRAUD, 6, 1.5));

    assertThat(scaled.replicas()).isEqualTo(6);
    assertThat(scaled.cpuCores()).isEqualTo(1.5);
    Container server = stable(client).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(server.getResources().getRequests().get("cpu").getNumericalAmount()).isEqualByComparingTo("1.5");
    assertThat(server.getResources().getLimits().get("cpu").getNumericalAmount()).isEqualByComparingTo("3");
    assertThat(server.getResources().getRequests().get("memory")).isEqualTo(new Quantity("512Mi"));
  }

  @Test
  void scaleDuringACanaryResizesTheCandidateToKeepItsShare() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 50));

    await(actuator.scale(newAction(), FRAUD, 8, 1.0));

    Deployment canary = candidate(client);
    assertThat(canary.getSpec().getReplicas()).isEqualTo(8);
    assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu")
        .getNumericalAmount()).isEqualByComparingTo("1");
  }

  @Test
  void aCandidateRequestsThePlannedCpuWhileTheStableKeepsItsOwn() throws Exception {
    Workload deployed = await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, 2.04));

    assertThat(deployed.cpuCores()).isEqualTo(0.5); // the workload's CPU is the stable's
    Container server = server(candidate(client));
    assertThat(server.getResources().getRequests().get("cpu")).isEqualTo(new Quantity("2040m"));
    assertThat(server.getResources().getLimits().get("cpu")).isEqualTo(new Quantity("4080m")); // stable's 1:2 ratio
    assertThat(server.getResources().getRequests().get("memory")).isEqualTo(new Quantity("512Mi"));
    assertThat(candidate(client).getSpec().getTemplate().getSpec().getContainers().get(1).getResources())
        .isNull(); // the sidecar is not sized
    Container stableServer = server(stable(client));
    assertThat(stableServer.getResources().getRequests().get("cpu")).isEqualTo(new Quantity("500m"));
    assertThat(stableServer.getResources().getLimits().get("cpu")).isEqualTo(new Quantity("1"));
  }

  @Test
  void aCandidateOfAStableWithoutCpuLimitGetsNoLimit() throws Exception {
    client.apps().deployments().inNamespace(NAMESPACE).withName(MODEL).edit(d -> {
      server(d).getResources().setLimits(new java.util.HashMap<>(java.util.Map.of("memory", new Quantity("512Mi"))));
      return d;
    });

    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, 1.25));

    Container server = server(candidate(client));
    assertThat(server.getResources().getRequests().get("cpu")).isEqualTo(new Quantity("1250m"));
    assertThat(server.getResources().getLimits()).doesNotContainKey("cpu").containsKey("memory");
  }

  @Test
  void zeroCpuSizesTheCandidateAsTheStable() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, 0));

    assertThat(server(candidate(client)).getResources()).isEqualTo(server(stable(client)).getResources());
  }

  @Test
  void promotionRunsTheCandidatesCpuRequestAsTheStableOne() throws Exception {
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 50, AS_CONFIGURED, 0.75));

    Workload promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(promoted.cpuCores()).isEqualTo(0.75);
    assertThat(server(stable(client)).getResources().getLimits().get("cpu")).isEqualTo(new Quantity("1500m"));
  }

  @Test
  void aNegativeOrNonFiniteCpuIsRefusedNamingItAndChangesNothing() throws Exception {
    Deployment before = stable(client);

    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, -1)))
        .cause().isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpuCores -1.0").hasMessageContaining("fraud")
        .hasMessageContaining("expected 0 (as the stable version's) or a finite number of cores >= 0.001");
    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, Double.NaN)))
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpuCores NaN");
    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10,
        io.mlopsagent.actors.ports.TrafficSplit.GATEWAY_API, Double.POSITIVE_INFINITY)))
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpuCores Infinity");
    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, 0.0001)))
        .cause().hasMessageContaining("cpuCores 1.0E-4"); // would be a request of 0m

    assertThat(candidate(client)).isNull();
    assertThat(stable(client)).isEqualTo(before);
  }

  @Test
  void repeatingASizedDeploymentIdAppliesItOnce() throws Exception {
    ActionId deploy = newAction();
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10, AS_CONFIGURED, 2.0));
    Deployment canary = candidate(client);
    Deployment stable = stable(client);

    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10, AS_CONFIGURED, 3.0));

    assertThat(candidate(client)).isEqualTo(canary);
    assertThat(stable(client)).isEqualTo(stable);
    assertThat(server(canary).getResources().getRequests().get("cpu")).isEqualTo(new Quantity("2000m"));

    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, AS_CONFIGURED, 3.0)); // a new id does apply

    assertThat(server(candidate(client)).getResources().getRequests().get("cpu")).isEqualTo(new Quantity("3000m"));
  }

  @Test
  void aSplitAskedPerRolloutCarriesTheCpu() throws Exception {
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(ModelFixture.route()).create();

    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10, io.mlopsagent.actors.ports.TrafficSplit.GATEWAY_API,
        1.5));

    Deployment canary = candidate(client);
    assertThat(canary.getSpec().getReplicas()).isEqualTo(1); // gateway-api: capacity for 10% of 4 replicas
    assertThat(server(canary).getResources().getRequests().get("cpu")).isEqualTo(new Quantity("1500m"));
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName(MODEL).get();
    assertThat(route.getSpec().getRules().get(0).getBackendRefs()).extracting(r -> r.getWeight()).containsExactly(90, 10);
  }

  @Test
  void repeatingAnActionIdChangesNothingAndAnswersTheCurrentWorkload() throws Exception {
    ActionId scale = newAction();
    Workload first = await(actuator.scale(scale, FRAUD, 6, 1.5));
    Deployment afterFirst = stable(client);

    Workload again = await(actuator.scale(scale, FRAUD, 2, 0.25));

    assertThat(again).isEqualTo(first);
    Deployment afterRepeat = stable(client);
    assertThat(afterRepeat.getMetadata().getResourceVersion()).isEqualTo(afterFirst.getMetadata().getResourceVersion());
    assertThat(afterRepeat).isEqualTo(afterFirst);
    assertThat(afterRepeat.getMetadata().getAnnotations()).containsEntry("mlops.ai/last-action", scale.value());
  }

  @Test
  void repeatingADeploymentOrPromotionIdDoesNotDeployOrPromoteAgain() throws Exception {
    ActionId deploy = newAction();
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10));
    Deployment canary = candidate(client);
    Deployment stable = stable(client);

    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10));

    assertThat(candidate(client)).isEqualTo(canary);
    assertThat(stable(client)).isEqualTo(stable);

    ActionId promote = newAction();
    await(actuator.promoteCandidate(promote, FRAUD));
    Deployment promoted = stable(client);
    Workload repeated = await(actuator.promoteCandidate(promote, FRAUD));

    assertThat(repeated.stableVersion()).isEqualTo("v2");
    assertThat(stable(client)).isEqualTo(promoted);
  }

  @Test
  void aNewActionWithNothingToChangeOnlyRecordsItsId() throws Exception {
    Deployment before = stable(client);

    await(actuator.setStableVersion(newAction(), FRAUD, "v1"));

    Deployment after = stable(client);
    assertThat(after.getSpec()).isEqualTo(before.getSpec());
    assertThat(after.getMetadata().getAnnotations()).containsEntry("mlops.ai/last-action", "fraud#1");
  }

  @Test
  void aModelWithoutDeploymentFailsNamingTheModelAndTheNamespaces() {
    ModelName unknown = ModelName.of("churn");

    assertThatThrownBy(() -> await(actuator.scale(newAction(), unknown, 3, 1.0)))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(MissingWorkloadException.class)
        .hasMessageContaining("churn").hasMessageContaining("mlops.ai/model=churn")
        .hasMessageContaining("[staging, models]");
  }

  @Test
  void theWorkloadOfAModelWithoutDeploymentIsEmpty() throws Exception {
    assertThat(await(actuator.workload(ModelName.of("churn")))).isEmpty();
  }

  @Test
  void weighingOrPromotingWithoutCandidateFailsAndChangesNothing() throws Exception {
    Deployment before = stable(client);

    assertThatThrownBy(() -> await(actuator.setCandidateWeight(newAction(), FRAUD, 50)))
        .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("fraud has no candidate to weigh");
    assertThatThrownBy(() -> await(actuator.promoteCandidate(newAction(), FRAUD)))
        .cause().hasMessageContaining("no candidate to promote");
    assertThat(stable(client)).isEqualTo(before);
  }

  @Test
  void aWeightOutOfRangeIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 101)))
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101").hasMessageContaining("0..100");
    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2 beta", 10)))
        .cause().hasMessageContaining("'v2 beta'");
  }

  @Test
  void runsOffTheCallersThread() throws Exception {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[1];
    var direct = new KubernetesActuator(client, KubernetesSettings.defaults(), r -> {
      ranOn[0] = new Thread(r);
      ranOn[0].start();
    }, Backoff.none());

    await(direct.workload(FRAUD));

    assertThat(ranOn[0]).isNotNull().isNotSameAs(caller);
  }

  private static Container server(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static List<String> images(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getImage).toList();
  }
}
