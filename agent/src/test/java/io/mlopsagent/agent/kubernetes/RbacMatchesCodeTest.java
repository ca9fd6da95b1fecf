package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.BlueGreenSwitch;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent's Role grants exactly what the code calls. What the actuator calls is not declared but
 * recorded: every operation of {@link KubernetesActuator}, in each traffic split and blue-green
 * switch, repeats included, runs against the mock API server, and each request it received counts
 * as the RBAC verb on the resource it needs. The Role of k8s/base/rbac.yaml and of both rendered
 * overlays must grant those verbs and {@link #DISCOVERY}'s, no verb or resource missing or extra.
 */
@EnableKubernetesMockClient(crud = true)
class RbacMatchesCodeTest {
  /**
   * Pekko Management's Kubernetes API discovery (pekko-discovery-kubernetes-api,
   * KubernetesApiServiceDiscovery) sends one request: GET /api/v1/namespaces/&lt;ns&gt;/pods with a
   * labelSelector, a list. It neither reads a pod by name nor watches.
   */
  static final Map<String, Set<String>> DISCOVERY = Map.of("/pods", Set.of("list"));

  private static final ModelName FRAUD = ModelName.of(MODEL);

  static KubernetesClient client;
  static KubernetesMockServer server;
  private static ExecutorService executor;
  private static ApiCalls calls;
  private static int nextAction;

  @BeforeAll
  static void runEveryActuatorOperation() throws Exception {
    executor = Executors.newSingleThreadExecutor();
    calls = new ApiCalls();
    byReplicas();
    byGatewayApi();
    byServiceSelector();
  }

  @AfterAll
  static void stopExecutor() {
    executor.shutdownNow();
  }

  private static KubernetesActuator actuator(KubernetesSettings.TrafficSplit split, BlueGreenSwitch bgSwitch) {
    return new KubernetesActuator(client, new KubernetesSettings(List.of("staging", NAMESPACE), split,
        "mlops.ai/version", Duration.ofSeconds(5), 2, bgSwitch), executor, Backoff.none());
  }

  private static ActionId newAction() {
    return ActionId.of(FRAUD, ++nextAction);
  }

  /** Canary, preview, scaling, rollback, rolling updates and every repeat, traffic split by replicas. */
  private static void byReplicas() throws Exception {
    ModelFixture.deployStable(client);
    KubernetesActuator actuator = actuator(KubernetesSettings.TrafficSplit.REPLICAS, BlueGreenSwitch.TEMPLATE);
    ApiCalls.discard(server);

    await(actuator.workload(FRAUD));
    ActionId deploy = newAction();
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10));
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10));
    ActionId weigh = newAction();
    await(actuator.setCandidateWeight(weigh, FRAUD, 50));
    await(actuator.setCandidateWeight(weigh, FRAUD, 50));
    await(actuator.scale(newAction(), FRAUD, 6, 1.0));
    ActionId promote = newAction();
    await(actuator.promoteCandidate(promote, FRAUD));
    await(actuator.promoteCandidate(promote, FRAUD));
    await(actuator.deployCandidate(newAction(), FRAUD, "v3", 0, TrafficSplit.CLUSTER_DEFAULT, 0.75));
    ActionId remove = newAction();
    await(actuator.removeCandidate(remove, FRAUD));
    await(actuator.removeCandidate(remove, FRAUD));
    await(actuator.deployCandidate(newAction(), FRAUD, "v4", 20));
    ActionId rollback = newAction();
    await(actuator.setStableVersion(rollback, FRAUD, "v1"));
    await(actuator.setStableVersion(rollback, FRAUD, "v1"));
    // A rolling update promoted, with a repeated batch, then one rolled back at its first batch.
    await(actuator.replacePods(newAction(), FRAUD, "v5", 25, 1.0));
    ActionId batch = newAction();
    await(actuator.replacePods(batch, FRAUD, "v5", 50, 0));
    await(actuator.replacePods(batch, FRAUD, "v5", 50, 0));
    await(actuator.promoteCandidate(newAction(), FRAUD));
    await(actuator.replacePods(newAction(), FRAUD, "v6", 25, 0));
    var last = await(actuator.removeCandidate(newAction(), FRAUD));
    calls.take(server);

    assertThat(last.stableVersion()).isEqualTo("v5");
    assertThat(last.hasCandidate()).isFalse();
    client.apps().deployments().inNamespace(NAMESPACE).delete();
  }

  /** A canary and a rolling update weighted on the model's HTTPRoute, promoted and aborted, with repeats. */
  private static void byGatewayApi() throws Exception {
    ModelFixture.deployStable(client);
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(ModelFixture.route()).create();
    KubernetesActuator actuator = actuator(KubernetesSettings.TrafficSplit.GATEWAY_API, BlueGreenSwitch.TEMPLATE);
    ApiCalls.discard(server);

    ActionId deploy = newAction();
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10));
    await(actuator.deployCandidate(deploy, FRAUD, "v2", 10));
    await(actuator.setCandidateWeight(newAction(), FRAUD, 50));
    ActionId promote = newAction();
    await(actuator.promoteCandidate(promote, FRAUD));
    await(actuator.promoteCandidate(promote, FRAUD));
    await(actuator.deployCandidate(newAction(), FRAUD, "v3", 10));
    await(actuator.removeCandidate(newAction(), FRAUD));
    // A rolling update's batches move the route's weights too.
    await(actuator.replacePods(newAction(), FRAUD, "v4", 25, 0));
    await(actuator.replacePods(newAction(), FRAUD, "v4", 50, 0));
    var last = await(actuator.removeCandidate(newAction(), FRAUD));
    calls.take(server);

    assertThat(last.stableVersion()).isEqualTo("v2");
    assertThat(last.hasCandidate()).isFalse();
    client.resources(HTTPRoute.class).inNamespace(NAMESPACE).delete();
    client.apps().deployments().inNamespace(NAMESPACE).delete();
  }

  /** Blue-green by the Service's selector: preview, switch, next release, canary, abort, rollback. */
  private static void byServiceSelector() throws Exception {
    ModelFixture.deployBlueGreen(client);
    KubernetesActuator actuator =
        actuator(KubernetesSettings.TrafficSplit.REPLICAS, BlueGreenSwitch.SERVICE_SELECTOR);
    ApiCalls.discard(server);

    ActionId preview = newAction();
    await(actuator.deployCandidate(preview, FRAUD, "v2", 0));
    await(actuator.deployCandidate(preview, FRAUD, "v2", 0));
    ActionId promote = newAction();
    await(actuator.promoteCandidate(promote, FRAUD));
    await(actuator.promoteCandidate(promote, FRAUD));
    await(actuator.deployCandidate(newAction(), FRAUD, "v3", 50));
    await(actuator.setCandidateWeight(newAction(), FRAUD, 25));
    ActionId abort = newAction();
    await(actuator.removeCandidate(abort, FRAUD));
    await(actuator.removeCandidate(abort, FRAUD));
    await(actuator.scale(newAction(), FRAUD, 3, 0.5));
    var last = await(actuator.setStableVersion(newAction(), FRAUD, "v1"));
    calls.take(server);

    assertThat(last.stableVersion()).isEqualTo("v1");
    assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
        .extracting(Deployment::getMetadata).extracting(m -> m.getLabels().get("mlops.ai/role"))
        .doesNotContain("candidate");
  }

  /** What the Role must grant: the actuator's recorded calls and discovery's. */
  static Map<String, Set<String>> expected() {
    Map<String, Set<String>> all = new TreeMap<>();
    calls.verbs().forEach((resource, verbs) -> all.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(verbs));
    DISCOVERY.forEach((resource, verbs) -> all.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(verbs));
    return all;
  }

  @Test
  void theRecordingSawTheActuatorsCalls() {
    assertThat(calls.verbs()).as("requests %s", calls.seen()).isNotEmpty();
    assertThat(calls.seen()).allSatisfy(call -> assertThat(call).doesNotContain("/pods"));
  }

  @Test
  void requestsCountAsTheVerbsKubernetesAuthorizesThemAs() {
    String deployments = "/apis/apps/v1/namespaces/models/deployments";
    assertThat(ApiCalls.Call.of("GET", deployments + "?labelSelector=mlops.ai%2Fmodel%3Dfraud"))
        .isEqualTo(new ApiCalls.Call("apps", "deployments", "list"));
    assertThat(ApiCalls.Call.of("GET", deployments + "?labelSelector=a%3Db&watch=true").verb()).isEqualTo("watch");
    assertThat(ApiCalls.Call.of("GET", deployments + "/fraud").verb()).isEqualTo("get");
    assertThat(ApiCalls.Call.of("POST", deployments).verb()).isEqualTo("create");
    assertThat(ApiCalls.Call.of("PUT", deployments + "/fraud").verb()).isEqualTo("update");
    assertThat(ApiCalls.Call.of("PATCH", deployments + "/fraud").verb()).isEqualTo("patch");
    assertThat(ApiCalls.Call.of("DELETE", deployments + "/fraud").verb()).isEqualTo("delete");
    assertThat(ApiCalls.Call.of("DELETE", deployments).verb()).isEqualTo("deletecollection");
    assertThat(ApiCalls.Call.of("PATCH", deployments + "/fraud/scale"))
        .isEqualTo(new ApiCalls.Call("apps", "deployments/scale", "patch"));
    assertThat(ApiCalls.Call.of("GET", "/api/v1/namespaces/mlops-ai-pipeline/pods?labelSelector=app%3Dmlops-agent"))
        .isEqualTo(new ApiCalls.Call("", "pods", "list"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base/rbac.yaml", "k8s/overlays/single-node", "k8s/overlays/ha"})
  void theRoleGrantsExactlyWhatTheCodeCalls(String source) throws Exception {
    Role role = Manifests.only(objects(source), Role.class);

    assertThat(role.getMetadata().getName()).isEqualTo("mlops-agent");
    assertThat(granted(role.getRules())).as("requests made: %s", calls.seen()).isEqualTo(expected());
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base/rbac.yaml", "k8s/overlays/single-node", "k8s/overlays/ha"})
  void bindingGivesTheRoleToTheAgentsServiceAccount(String source) throws Exception {
    List<HasMetadata> objects = objects(source);
    ServiceAccount account = Manifests.only(objects, ServiceAccount.class);
    RoleBinding binding = Manifests.only(objects, RoleBinding.class);

    assertThat(account.getMetadata().getName()).isEqualTo("mlops-agent");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("mlops-agent");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
      if (!source.endsWith(".yaml")) {
        assertThat(s.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
      }
    });
  }

  private static List<HasMetadata> objects(String source) throws Exception {
    return source.endsWith(".yaml")
        ? Manifests.parse(Files.readString(Manifests.ROOT.resolve(source)))
        : Manifests.render(source);
  }

  /** "group/resource" to verbs, merged over rules, so grouping rules differently in YAML does not matter. */
  static Map<String, Set<String>> granted(List<PolicyRule> rules) {
    Map<String, Set<String>> flat = new TreeMap<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getResourceNames()).as("resourceNames (the code names no object in advance)").isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          flat.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs());
        }
      }
    }
    return flat;
  }
}
