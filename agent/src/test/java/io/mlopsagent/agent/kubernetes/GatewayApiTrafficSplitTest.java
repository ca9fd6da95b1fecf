package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static io.mlopsagent.agent.kubernetes.ModelFixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class GatewayApiTrafficSplitTest {
  private static final ModelName FRAUD = ModelName.of(MODEL);

  static KubernetesClient client;
  private static ExecutorService executor;
  private KubernetesActuator actuator;
  private int nextAction;

  @BeforeAll
  static void startExecutor() {
    executor = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopExecutor() {
    executor.shutdownNow();
  }

  @BeforeEach
  void setUp() {
    client.apps().deployments().inNamespace(NAMESPACE).delete();
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).delete();
    KubernetesSettings settings = new KubernetesSettings(
        List.of(NAMESPACE), TrafficSplit.GATEWAY_API, "mlops.ai/version", Duration.ofSeconds(5), 2);
    actuator = new KubernetesActuator(client, settings, executor, Backoff.none());
    ModelFixture.deployStable(client);
  }

  private ActionId newAction() {
    return ActionId.of(FRAUD, ++nextAction);
  }

  private static List<String> backends() {
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName(MODEL).get();
    return route.getSpec().getRules().get(0).getBackendRefs().stream()
        .map(GatewayApiTrafficSplitTest::describe).toList();
  }

  private static String describe(HTTPBackendRef ref) {
    return ref.getName() + ":" + ref.getPort() + "=" + ref.getWeight();
  }

  @Test
  void canaryWeightsAreTheRouteBackendWeightsAndPromotionLeavesTheStableServiceAlone() throws Exception {
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(ModelFixture.route()).create();

    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10));

    assertThat(backends()).containsExactly("fraud:8080=90", "fraud-candidate:8080=10");
    assertThat(candidate(client).getSpec().getReplicas()).isEqualTo(1); // capacity for 10% of 4 replicas

    await(actuator.setCandidateWeight(newAction(), FRAUD, 50));

    assertThat(backends()).containsExactly("fraud:8080=50", "fraud-candidate:8080=50");
    assertThat(candidate(client).getSpec().getReplicas()).isEqualTo(2);

    var promoted = await(actuator.promoteCandidate(newAction(), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(backends()).containsExactly("fraud:8080=100");
    assertThat(candidate(client)).isNull();
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName(MODEL).get();
    assertThat(route.getSpec().getParentRefs()).extracting(p -> p.getName()).containsExactly("public-gateway");
  }

  @Test
  void previewRunsOneReplicaWithRouteWeightZeroAndAbortRestoresTheRoute() throws Exception {
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(ModelFixture.route()).create();

    var preview = await(actuator.deployCandidate(newAction(), FRAUD, "v2", 0));

    assertThat(preview.candidateWeight()).isZero();
    assertThat(candidate(client).getSpec().getReplicas()).isEqualTo(1);
    assertThat(backends()).containsExactly("fraud:8080=100", "fraud-candidate:8080=0");

    await(actuator.removeCandidate(newAction(), FRAUD));

    assertThat(backends()).containsExactly("fraud:8080=100");
    assertThat(candidate(client)).isNull();
  }

  @Test
  void repeatingAWeightChangeDoesNotRewriteTheRoute() throws Exception {
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(ModelFixture.route()).create();
    await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10));
    ActionId weigh = newAction();
    await(actuator.setCandidateWeight(weigh, FRAUD, 25));
    HTTPRoute before = client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName(MODEL).get();

    await(actuator.setCandidateWeight(weigh, FRAUD, 25));

    HTTPRoute after = client.resources(HTTPRoute.class).inNamespace(NAMESPACE).withName(MODEL).get();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
  }

  @Test
  void aMissingRouteFailsNamingIt() {
    assertThatThrownBy(() -> await(actuator.deployCandidate(newAction(), FRAUD, "v2", 10)))
        .cause().isInstanceOf(MissingWorkloadException.class)
        .hasMessageContaining("HTTPRoute models/fraud").hasMessageContaining("gateway-api");
  }

  @Test
  void aPolicyCanAskForRouteWeightsFromAnActuatorThatSplitsByReplicas() throws Exception {
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(ModelFixture.route()).create();
    KubernetesActuator byReplicas = new KubernetesActuator(client, new KubernetesSettings(
        List.of(NAMESPACE), TrafficSplit.REPLICAS, "mlops.ai/version", Duration.ofSeconds(5), 2), executor,
        Backoff.none());

    await(byReplicas.deployCandidate(newAction(), FRAUD, "v2", 25, io.mlopsagent.actors.ports.TrafficSplit.GATEWAY_API));
    await(byReplicas.setCandidateWeight(newAction(), FRAUD, 50, io.mlopsagent.actors.ports.TrafficSplit.GATEWAY_API));

    assertThat(backends()).containsExactly("fraud:8080=50", "fraud-candidate:8080=50");
  }
}
