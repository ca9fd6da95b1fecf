package io.mlopsagent.agent.daemon;

import com.typesafe.config.Config;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.ObservingOnly;
import io.mlopsagent.agent.kubernetes.KubernetesActuator;
import io.mlopsagent.agent.kubernetes.KubernetesSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.agent.mlflow.MlflowRegistry;
import io.mlopsagent.agent.mlflow.MlflowSettings;
import io.mlopsagent.agent.retraining.RetrainingSettings;
import io.mlopsagent.agent.retraining.RetrainingTriggers;
import java.util.Optional;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.prometheus.PrometheusMetricsSource;
import io.mlopsagent.agent.prometheus.PrometheusSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.CircuitBreaker;

/**
 * The real systems of {@code mlops-agent run}, from configuration: Prometheus for metrics, and —
 * when enabled — Kubernetes for actions. Everything is checked before the daemon starts.
 */
public final class RealWorld {
  private final AgentConfig config;
  private final PrometheusSettings prometheus;
  private final Optional<KubernetesSettings> kubernetes;
  private final Optional<MlflowSettings> mlflow;
  private final Optional<RetrainingTrigger> retraining;
  private final java.util.function.Function<KubernetesSettings, KubernetesClient> clients;

  private RealWorld(AgentConfig config, PrometheusSettings prometheus, Optional<KubernetesSettings> kubernetes,
      Optional<MlflowSettings> mlflow, Optional<RetrainingTrigger> retraining) {
    this(config, prometheus, kubernetes, mlflow, retraining,
        settings -> new KubernetesClientBuilder().withConfig(settings.clientConfig()).build());
  }

  private RealWorld(AgentConfig config, PrometheusSettings prometheus, Optional<KubernetesSettings> kubernetes,
      Optional<MlflowSettings> mlflow, Optional<RetrainingTrigger> retraining,
      java.util.function.Function<KubernetesSettings, KubernetesClient> clients) {
    this.config = config;
    this.prometheus = prometheus;
    this.kubernetes = kubernetes;
    this.mlflow = mlflow;
    this.retraining = retraining;
    this.clients = clients;
  }

  /** The same world talking to {@code client} instead of the in-cluster or kubeconfig API server. */
  public RealWorld usingKubernetesClient(KubernetesClient client) {
    return new RealWorld(config, prometheus, kubernetes, mlflow, retraining, settings -> client);
  }

  /** @throws ConfigProblem naming the key and value that cannot be used */
  public static RealWorld from(AgentConfig config) {
    PrometheusSettings prometheus = PrometheusSettings.fromConfig(config.pekko().getConfig("mlops"));
    boolean kubernetes = config.pekko().getBoolean("mlops.kubernetes.enabled");
    Config mlops = config.pekko().getConfig("mlops");
    Optional<KubernetesSettings> k8s = kubernetes
        ? Optional.of(KubernetesSettings.fromConfig(mlops.getConfig("kubernetes"))) : Optional.empty();
    Optional<MlflowSettings> mlflow = mlops.getString("mlflow.url").isBlank() ? Optional.empty()
        : Optional.of(MlflowSettings.fromConfig(mlops.getConfig("mlflow")));
    Optional<RetrainingTrigger> retraining =
        RetrainingTriggers.fromSettings(RetrainingSettings.fromConfig(mlops.getConfig("retraining")));
    return new RealWorld(config, prometheus, k8s, mlflow, retraining);
  }

  public Duration pollInterval() {
    return prometheus.pollInterval();
  }

  public String describeSource() {
    return "Prometheus at " + prometheus.url();
  }

  public String describeActuation() {
    return (kubernetes.map(k -> "acting on Kubernetes in " + k.namespaces())
        .orElse("observing only (mlops.kubernetes.enabled = false)"))
        + ", registry " + mlflow.map(m -> "MLflow at " + m.url()).orElse("none")
        + ", retraining " + (retraining.isPresent() ? "configured" : "none");
  }

  /** The daemon's world, once its actor system exists. */
  public Daemon.World build(ActorSystem<?> system) {
    CircuitBreaker breaker = CircuitBreaker.create(system.classicSystem().scheduler(),
        prometheus.breakerMaxFailures(), prometheus.requestTimeout().plusSeconds(5), prometheus.breakerResetTimeout())
        .withExponentialBackoff(prometheus.breakerMaxResetTimeout());
    HttpClient http = HttpClient.newBuilder().connectTimeout(prometheus.requestTimeout()).build();
    PrometheusMetricsSource source = new PrometheusMetricsSource(prometheus, http, breaker);
    ObservingOnly none = new ObservingOnly("mlops.kubernetes.enabled = false: the agent observes only");
    ClusterActuator cluster = kubernetes.<ClusterActuator>map(k -> actuator(system, k, clients.apply(k))).orElse(none);
    ModelRegistry registry = mlflow.<ModelRegistry>map(MlflowRegistry::new).orElse(none);
    RetrainingTrigger trainer = retraining.orElse(new ObservingOnly("mlops.retraining.kind = none"));
    String limitation = kubernetes.isPresent() ? null
        : "observe only: mlops.kubernetes.enabled = false, so the agent detects and journals but changes nothing";
    return new Daemon.World(source, new ModelAgentPorts(cluster, registry, trainer, config::policies), limitation);
  }

  /** The in-cluster (or kubeconfig) client, closed with the daemon; calls run on the blocking pool. */
  private static KubernetesActuator actuator(ActorSystem<?> system, KubernetesSettings settings,
      KubernetesClient client) {
    org.apache.pekko.actor.CoordinatedShutdown.get(system).addTask(
        org.apache.pekko.actor.CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-kubernetes-client", () -> {
          client.close();
          return java.util.concurrent.CompletableFuture.completedFuture(org.apache.pekko.Done.getInstance());
        });
    java.util.concurrent.Executor blocking =
        system.classicSystem().dispatchers().lookup("pekko.actor.default-blocking-io-dispatcher");
    return new KubernetesActuator(client, settings, blocking);
  }
}
