package io.mlopsagent.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.poll.WallClockSchedule;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.RealWorld;
import io.mlopsagent.agent.http.client.LocalJsonServer;
import io.mlopsagent.agent.prometheus.RealPrometheus;
import io.mlopsagent.agent.prometheus.TestExporter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} wired as in production — real Prometheus scraping an exporter, the fabric8 actuator on
 * the Kubernetes mock server (CRUD), the MLflow registry on a local server speaking MLflow's JSON —
 * with a one-second poll and a policy that warms up fast:
 * <ul>
 *   <li>a model whose exporter starts reporting high latency under load is scaled out;
 *   <li>a registry alias change (a challenger that validates better) leads to a canary that is
 *       promoted: the stable Deployment runs the new version and MLflow hears of it.
 * </ul>
 */
@Tag("slow")
@EnableKubernetesMockClient(crud = true)
class RunEndToEndTest {
  private static final String NAMESPACE = "models";
  private static final String ALIAS = "/api/2.0/mlflow/registered-models/alias";

  KubernetesClient client;

  @Test
  void latencyUnderLoadScalesOutAndABetterChallengerIsRolledOutByCanary(@TempDir Path data) throws Exception {
    try (TestExporter exporter = new TestExporter(); RealPrometheus prometheus = new RealPrometheus(exporter.port());
        LocalJsonServer mlflow = LocalJsonServer.start()) {
      healthy(exporter, "fraud-1", null);
      healthy(exporter, "churn-2", "1");
      healthy(exporter, "churn-2", "2");
      client.apps().deployments().inNamespace(NAMESPACE).resource(deployment("fraud-1", "1")).create();
      client.apps().deployments().inNamespace(NAMESPACE).resource(deployment("churn-2", "1")).create();
      AtomicReference<String> challenger = new AtomicReference<>();
      mlflow.on("GET", ALIAS, r -> {
        String model = r.query().get("name");
        String version = "champion".equals(r.query().get("alias")) ? "1" : challenger.get();
        return version == null
            ? new LocalJsonServer.Reply(404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"no alias\"}")
            : LocalJsonServer.Reply.ok("{\"model_version\":{\"name\":\"" + model + "\",\"version\":\"" + version
                + "\",\"tags\":[{\"key\":\"validation_accuracy\",\"value\":\"" + ("1".equals(version) ? "0.90" : "0.95")
                + "\"}]}}");
      });
      mlflow.on("POST", ALIAS, 200, "{}");
      // Without a challenger alias the registry falls back to stages: there are none.
      mlflow.on("POST", "/api/2.0/mlflow/registered-models/get-latest-versions", 200, "{\"model_versions\":[]}");
      mlflow.on("POST", "/api/2.0/mlflow/model-versions/set-tag", 200, "{}");

      AgentConfig config = AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
          "mlops.data-dir", data.toString(), "mlops.db.url", "", "mlops.http.port", 0,
          "mlops.prometheus.url", prometheus.url(), "mlops.metrics.poll-interval", "1s",
          "mlops.mlflow.url", mlflow.base().toString(), "mlops.mlflow.cache-ttl", "0s"))
          .withFallback(ConfigFactory.parseString("""
              mlops.kubernetes.namespaces = [models]
              policies.default.detection.warmup-windows = 5
              policies.default.rollout.upgrade-check-interval = 2s
              # Wall-clock time: an upgrade at a busy hour would wait two hours by the rules.
              mlops.learner.max-delay = 0s
              policies.default.rollout.strategy = canary
              policies.default.rollout.canary-steps = [50, 100]
              policies.default.rollout.measurements-per-step = 2
              """ + TestExporter.QUERIES)));
      RealWorld world = RealWorld.from(config).usingKubernetesClient(client);

      try (Daemon daemon = Daemon.start(config, world::build,
          new WallClockSchedule(Clock.systemUTC(), world.pollInterval()), "test")) {
        // Let the detectors warm up on normal values, then load fraud-1 past saturation.
        await().atMost(Duration.ofSeconds(60)).until(() -> daemon.metrics().windowsRecorded() >= 16);
        exporter.set("latency", "fraud-1", 0.40);
        exporter.set("cpu", "fraud-1", 0.95);
        await().atMost(Duration.ofSeconds(60)).until(() -> replicas("fraud-1") > 4);
        // In proportion to the load: 4 x 0.95 / 0.6 (the headroom line) = 6.3, so 7, more than the factor's 6.
        assertThat(replicas("fraud-1")).isEqualTo(7);

        // A better challenger appears in the registry.
        challenger.set("2");
        await().atMost(Duration.ofSeconds(90)).until(() -> "2".equals(stableVersion("churn-2"))
            && deploymentNamed("churn-2-candidate") == null);
        // The registry hears of the promotion once the cluster has made it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mlflow.requests("POST", ALIAS))
            .anySatisfy(r -> assertThat(r.body()).contains("\"churn-2\"").contains("\"champion\"").contains("\"2\"")));
      }
    }
  }

  private static void healthy(TestExporter exporter, String model, String version) {
    set(exporter, "accuracy", model, version, 0.93);
    set(exporter, "latency", model, version, 0.050);
    set(exporter, "errors", model, version, 0.002);
    set(exporter, "rps", model, version, 100);
    set(exporter, "cpu", model, version, 0.50);
  }

  private static void set(TestExporter exporter, String metric, String model, String version, double value) {
    if (version == null) {
      exporter.set(metric, model, value);
    } else {
      exporter.set(metric, model, version, value);
    }
  }

  private int replicas(String name) {
    return deploymentNamed(name).getSpec().getReplicas();
  }

  private String stableVersion(String name) {
    return deploymentNamed(name).getSpec().getTemplate().getMetadata().getLabels().get("mlops.ai/version");
  }

  private Deployment deploymentNamed(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private static Deployment deployment(String model, String version) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(model).withNamespace(NAMESPACE)
        .withLabels(Map.of("mlops.ai/model", model, "app", model)).endMetadata()
        .withNewSpec()
        .withReplicas(4)
        .withNewSelector().withMatchLabels(Map.of("app", model)).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(Map.of("app", model, "mlops.ai/model", model, "mlops.ai/version", version))
        .endMetadata()
        .withNewSpec()
        .withContainers(new ContainerBuilder().withName("server").withImage("registry.local/ml/" + model + ":" + version)
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
            .endResources().build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
