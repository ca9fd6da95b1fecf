package io.mlopsagent.agent.prometheus;

import com.typesafe.config.Config;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.ModelGlob;
import io.mlopsagent.agent.config.ConfigFiles;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how to read live metrics from Prometheus: {@code mlops.prometheus} (the server) and
 * {@code mlops.metrics} (what to ask it). Checked whole at start.
 *
 * @param queries one PromQL template per metric; {@code $MODELS} stands for the label matcher of
 *     the models asked for (e.g. {@code model=~"a|b"})
 * @param staticModels the models to look after; empty means discover them from the queries
 */
public record PrometheusSettings(
    URI url,
    Duration requestTimeout,
    String basicUser,
    Path passwordFile,
    Path bearerTokenFile,
    int breakerMaxFailures,
    Duration breakerResetTimeout,
    Duration breakerMaxResetTimeout,
    Map<MetricKind, String> queries,
    String modelLabel,
    String versionLabel,
    ModelGlob discoveryGlob,
    List<ModelName> staticModels,
    Duration pollInterval) {

  static final String MODELS_PLACEHOLDER = "$MODELS";
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public PrometheusSettings {
    queries = Map.copyOf(queries);
    staticModels = List.copyOf(staticModels);
  }

  public static PrometheusSettings fromConfig(Config mlops) {
    Config p = mlops.getConfig("prometheus");
    Config m = mlops.getConfig("metrics");
    String rawUrl = p.getString("url").trim();
    URI url;
    try {
      url = URI.create(rawUrl.endsWith("/") ? rawUrl.substring(0, rawUrl.length() - 1) : rawUrl);
    } catch (IllegalArgumentException e) {
      throw problem("prometheus.url", rawUrl, "an http:// or https:// URL");
    }
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw problem("prometheus.url", rawUrl, "an http:// or https:// URL");
    }
    Map<MetricKind, String> queries = new EnumMap<>(MetricKind.class);
    Config q = m.getConfig("queries");
    for (MetricKind kind : MetricKind.values()) {
      String key = queryKey(kind);
      String template = q.getString(key).trim();
      if (template.isEmpty()) {
        throw problem("metrics.queries." + key, "\"\"", "a PromQL query returning one series per model");
      }
      queries.put(kind, template);
    }
    String modelLabel = label(m, "model-label");
    String versionLabel = label(m, "version-label");
    String glob = m.getString("discovery-glob");
    if (!ModelGlob.isValid(glob)) {
      throw problem("metrics.discovery-glob", glob, ModelGlob.RULE);
    }
    List<ModelName> models = m.getStringList("models").stream().map(name -> {
      if (!ModelName.isValid(name)) {
        throw new ConfigProblem("configuration: mlops.metrics.models: " + ModelName.problem(name));
      }
      return ModelName.of(name);
    }).toList();
    return new PrometheusSettings(url, positive(p, "request-timeout", "prometheus"), p.getString("basic-user"),
        optionalPath(p, "password-file"), optionalPath(p, "bearer-token-file"),
        p.getInt("circuit-breaker.max-failures"), positive(p, "circuit-breaker.reset-timeout", "prometheus"),
        positive(p, "circuit-breaker.max-reset-timeout", "prometheus"), queries, modelLabel, versionLabel,
        new ModelGlob(glob), models, positive(m, "poll-interval", "metrics"));
  }

  /** The config key of a metric's query, e.g. {@code latency-p95-seconds}. */
  static String queryKey(MetricKind kind) {
    return switch (kind) {
      case ACCURACY -> "accuracy";
      case LATENCY_P95_SECONDS -> "latency-p95-seconds";
      case ERROR_RATE -> "error-rate";
      case THROUGHPUT_RPS -> "throughput-rps";
      case CPU_UTILIZATION -> "cpu-utilization";
    };
  }

  private static String label(Config m, String key) {
    String v = m.getString(key);
    if (!LABEL_NAME.matcher(v).matches()) {
      throw problem("metrics." + key, v, "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
    }
    return v;
  }

  private static Path optionalPath(Config c, String key) {
    String v = c.getString(key).trim();
    return v.isEmpty() ? null : ConfigFiles.path("mlops.prometheus." + key, v);
  }

  private static Duration positive(Config c, String key, String section) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw problem(section + "." + key, d.toString(), "a positive duration");
    }
    return d;
  }

  private static ConfigProblem problem(String key, String value, String allowed) {
    return new ConfigProblem("configuration: mlops." + key + " = " + value + " is invalid: expected " + allowed);
  }
}
