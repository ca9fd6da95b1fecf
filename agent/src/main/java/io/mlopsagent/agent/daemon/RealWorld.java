package io.mlopsagent.agent.daemon;

import io.mlopsagent.actors.agent.ModelAgentPorts;
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
  private final boolean kubernetes;

  private RealWorld(AgentConfig config, PrometheusSettings prometheus, boolean kubernetes) {
    this.config = config;
    this.prometheus = prometheus;
    this.kubernetes = kubernetes;
  }

  /** @throws ConfigProblem naming the key and value that cannot be used */
  public static RealWorld from(AgentConfig config) {
    PrometheusSettings prometheus = PrometheusSettings.fromConfig(config.pekko().getConfig("mlops"));
    boolean kubernetes = config.pekko().getBoolean("mlops.kubernetes.enabled");
    if (kubernetes) {
      throw new ConfigProblem("configuration: mlops.kubernetes.enabled = true is not supported by this build yet:"
          + " set it to false to observe and journal without acting (or MLOPS_KUBERNETES_ENABLED=false)");
    }
    return new RealWorld(config, prometheus, kubernetes);
  }

  public Duration pollInterval() {
    return prometheus.pollInterval();
  }

  public String describeSource() {
    return "Prometheus at " + prometheus.url();
  }

  public String describeActuation() {
    return kubernetes ? "acting on Kubernetes" : "observing only (mlops.kubernetes.enabled = false)";
  }

  /** The daemon's world, once its actor system exists. */
  public Daemon.World build(ActorSystem<?> system) {
    CircuitBreaker breaker = CircuitBreaker.create(system.classicSystem().scheduler(),
        prometheus.breakerMaxFailures(), prometheus.requestTimeout().plusSeconds(5), prometheus.breakerResetTimeout())
        .withExponentialBackoff(prometheus.breakerMaxResetTimeout());
    HttpClient http = HttpClient.newBuilder().connectTimeout(prometheus.requestTimeout()).build();
    PrometheusMetricsSource source = new PrometheusMetricsSource(prometheus, http, breaker);
    ObservingOnly none = new ObservingOnly("mlops.kubernetes.enabled = false: the agent observes only");
    return new Daemon.World(source, new ModelAgentPorts(none, none, none, config::policies));
  }
}
