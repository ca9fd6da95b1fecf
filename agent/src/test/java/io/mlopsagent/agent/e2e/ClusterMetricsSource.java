package io.mlopsagent.agent.e2e;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Metrics as Prometheus would report them for what the cluster really runs: every window reads the
 * model's Deployments from the API store (through a clean client) and reports the stable version
 * and, once its Deployment exists, the candidate at the weight its annotation says, each with the
 * true accuracy {@code accuracyOf} gives. So the agent's analysis sees the effect of its actions,
 * not of its intentions: a candidate whose creation is still being retried reports nothing.
 */
final class ClusterMetricsSource implements MetricsSource {
  private static final String NAMESPACE = "models";
  private final KubernetesClient clean;
  private final List<ModelName> models;
  private final BiFunction<ModelName, String, Double> accuracyOf;

  ClusterMetricsSource(KubernetesClient clean, List<ModelName> models, BiFunction<ModelName, String, Double> accuracyOf) {
    this.clean = clean;
    this.models = List.copyOf(models);
    this.accuracyOf = accuracyOf;
  }

  @Override
  public CompletionStage<List<ModelName>> discover() {
    return CompletableFuture.completedFuture(models);
  }

  @Override
  public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> asked, Instant at) {
    Map<ModelName, ModelWindows> windows = new LinkedHashMap<>();
    for (ModelName model : asked) {
      List<Deployment> items = clean.apps().deployments().inNamespace(NAMESPACE)
          .withLabel("mlops.ai/model", model.value()).list().getItems();
      Deployment stable = items.stream().filter(d -> !"candidate".equals(role(d))).findFirst().orElse(null);
      if (stable != null) {
        Deployment candidate = items.stream().filter(d -> "candidate".equals(role(d))).findFirst().orElse(null);
        windows.put(model, windowsOf(model, at, stable, candidate));
      }
    }
    return CompletableFuture.completedFuture(windows);
  }

  private ModelWindows windowsOf(ModelName model, Instant at, Deployment stable, Deployment candidate) {
    SplittableRandom noise = new SplittableRandom(model.value().hashCode() * 31L + at.getEpochSecond());
    String stableVersion = version(stable);
    double rps = 100;
    // A promotion cut short between updating the stable Deployment and deleting the candidate leaves
    // both running the new version: users see one version.
    if (candidate == null || version(candidate).equals(stableVersion)) {
      MetricWindow w = window(at, accuracyOf.apply(model, stableVersion), rps, noise);
      return new ModelWindows(w, Map.of(stableVersion, w));
    }
    String candidateVersion = version(candidate);
    int weight = weight(candidate);
    MetricWindow s = window(at, accuracyOf.apply(model, stableVersion), rps * (100 - weight) / 100.0, noise);
    // A preview (weight 0) is measured on mirrored traffic, as the simulated world does.
    MetricWindow c = window(at, accuracyOf.apply(model, candidateVersion), rps * Math.max(weight, 1) / 100.0, noise);
    double share = weight / 100.0;
    MetricWindow overall = new MetricWindow(at, (1 - share) * s.accuracy() + share * c.accuracy(),
        (1 - share) * s.latencyP95Seconds() + share * c.latencyP95Seconds(),
        (1 - share) * s.errorRate() + share * c.errorRate(), s.throughputRps() + c.throughputRps(), s.cpuUtilization());
    return new ModelWindows(overall, Map.of(stableVersion, s, candidateVersion, c));
  }

  private static MetricWindow window(Instant at, double accuracy, double rps, SplittableRandom noise) {
    return new MetricWindow(at, accuracy + 0.002 * noise.nextGaussian(), 0.050 * (1 + 0.02 * noise.nextGaussian()),
        0.002, rps, 0.5 + 0.01 * noise.nextGaussian());
  }

  private static String role(Deployment d) {
    Map<String, String> labels = d.getMetadata().getLabels();
    return labels == null ? null : labels.get("mlops.ai/role");
  }

  static String version(Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getLabels().get("mlops.ai/version");
  }

  static int weight(Deployment candidate) {
    Map<String, String> annotations = candidate.getMetadata().getAnnotations();
    String raw = annotations == null ? null : annotations.get("mlops.ai/candidate-weight");
    return raw == null ? 0 : Integer.parseInt(raw);
  }
}
