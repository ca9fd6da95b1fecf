package io.mlopsagent.agent.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The model "fraud" as a user would deploy it: 4 replicas of v1, a model server and a sidecar. */
final class ModelFixture {
  static final String NAMESPACE = "models";
  static final String MODEL = "fraud";

  private ModelFixture() {}

  static Deployment stableDeployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName(MODEL).withNamespace(NAMESPACE)
        .withLabels(Map.of("mlops.ai/model", MODEL, "app", MODEL)).endMetadata()
        .withNewSpec()
        .withReplicas(4)
        .withNewSelector().withMatchLabels(Map.of("app", MODEL)).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(Map.of("app", MODEL, "mlops.ai/model", MODEL, "mlops.ai/version", "v1")).endMetadata()
        .withNewSpec()
        .withContainers(
            new ContainerBuilder().withName("server").withImage("registry.local:5000/ml/fraud:v1")
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")))
                .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")))
                .endResources().build(),
            new ContainerBuilder().withName("proxy").withImage("envoyproxy/envoy:1.31").build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static void deployStable(KubernetesClient client) {
    client.apps().deployments().inNamespace(NAMESPACE).resource(stableDeployment()).create();
  }

  /**
   * Ready for blue-green by Service selector: the pods carry role stable and the Service "fraud"
   * selects model and role, as docs/KUBERNETES.md asks.
   */
  static void deployBlueGreen(KubernetesClient client) {
    Deployment stable = stableDeployment();
    stable.getSpec().getTemplate().getMetadata().getLabels().put("mlops.ai/role", "stable");
    client.apps().deployments().inNamespace(NAMESPACE).resource(stable).create();
    client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
        .withNewMetadata().withName(MODEL).withNamespace(NAMESPACE).withLabels(Map.of("mlops.ai/model", MODEL)).endMetadata()
        .withNewSpec()
        .withSelector(Map.of("mlops.ai/model", MODEL, "mlops.ai/role", "stable"))
        .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort()
        .endSpec()
        .build()).create();
  }

  static Service service(KubernetesClient client, String name) {
    return client.services().inNamespace(NAMESPACE).withName(name).get();
  }

  static Deployment deployment(KubernetesClient client, String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  /** Whether a Service with this selector sends traffic to pods of this Deployment. */
  static boolean selects(Service service, Deployment deployment) {
    Map<String, String> pods = deployment.getSpec().getTemplate().getMetadata().getLabels();
    return pods.entrySet().containsAll(service.getSpec().getSelector().entrySet());
  }

  static HTTPRoute route() {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName(MODEL).withNamespace(NAMESPACE).endMetadata()
        .withNewSpec()
        .addNewParentRef().withName("public-gateway").endParentRef()
        .addNewRule().addNewBackendRef().withName(MODEL).withPort(8080).endBackendRef().endRule()
        .endSpec()
        .build();
  }

  static Deployment stable(KubernetesClient client) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(MODEL).get();
  }

  static Deployment candidate(KubernetesClient client) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(MODEL + "-candidate").get();
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
