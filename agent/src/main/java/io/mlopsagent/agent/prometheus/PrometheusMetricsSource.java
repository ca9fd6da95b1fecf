package io.mlopsagent.agent.prometheus;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.agent.config.ConfigFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.pekko.pattern.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live metrics from the Prometheus HTTP API. One instant query per metric per poll, for the
 * whole slice of models asked for (never one per model); each answers one series per model (and
 * per version, during a rollout), told apart by labels. Behind Pekko's circuit breaker: while it
 * is open a poll fails at once, which the poller reports as no data — never as degradation.
 *
 * <p>Model names enter queries only through {@link #modelMatcher}: they are validated model names
 * (letters, digits, {@code . _ -}) with the regex dot escaped, so no name can change a query.
 */
public final class PrometheusMetricsSource implements MetricsSource {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetricsSource.class);

  private final PrometheusSettings settings;
  private final HttpClient http;
  private final CircuitBreaker breaker;
  // Checked at start so a missing file stops the daemon; read again for every query, because
  // in-cluster service-account tokens are rotated under a running process.
  private final java.util.function.Supplier<String> authorization;
  private final AtomicReference<String> lastError = new AtomicReference<>();

  public PrometheusMetricsSource(PrometheusSettings settings, HttpClient http, CircuitBreaker breaker) {
    this.settings = settings;
    this.http = http;
    this.breaker = breaker;
    authorization(settings);
    this.authorization = () -> authorization(settings);
    breaker.addOnOpenListener(() -> LOG.warn("Prometheus at {} is failing ({}); circuit breaker open: "
        + "models get no data until it answers again", settings.url(), lastError.get()));
    breaker.addOnCloseListener(() -> LOG.info("Prometheus at {} answers again; circuit breaker closed", settings.url()));
  }

  @Override
  public Optional<String> problem() {
    if (breaker.isOpen()) {
      return Optional.of("circuit breaker open after failures of Prometheus at " + settings.url() + ": "
          + lastError.get());
    }
    return breaker.isHalfOpen()
        ? Optional.of("circuit breaker half-open: trying Prometheus at " + settings.url() + " again")
        : Optional.empty();
  }

  @Override
  public CompletionStage<List<ModelName>> discover() {
    if (!settings.staticModels().isEmpty()) {
      return CompletableFuture.completedFuture(settings.staticModels());
    }
    String query = settings.queries().get(MetricKind.THROUGHPUT_RPS)
        .replace(PrometheusSettings.MODELS_PLACEHOLDER, settings.modelLabel() + "=~\".+\"");
    return guarded(() -> query(query, null)).thenApply(result -> {
      TreeSet<ModelName> names = new TreeSet<>();
      for (PromQueryResult.Sample s : result.samples()) {
        String value = s.labels().get(settings.modelLabel());
        if (value != null && ModelName.isValid(value) && settings.discoveryGlob().matches(value)) {
          names.add(ModelName.of(value));
        }
      }
      return List.copyOf(names);
    });
  }

  @Override
  public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at) {
    if (models.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    String matcher = modelMatcher(settings.modelLabel(), models);
    return guarded(() -> {
      Map<MetricKind, CompletableFuture<PromQueryResult>> answers = new EnumMap<>(MetricKind.class);
      settings.queries().forEach((kind, template) -> answers.put(kind,
          query(template.replace(PrometheusSettings.MODELS_PLACEHOLDER, matcher), at).toCompletableFuture()));
      return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
          .thenApply(done -> assemble(models, at, answers));
    });
  }

  /**
   * Range queries, one per metric for all of {@code models}: the windows of the past at every
   * {@code step}, for warming up new models' baselines.
   */
  @Override
  public CompletionStage<Map<ModelName, List<MetricWindow>>> history(
      Collection<ModelName> models, Instant from, Instant to, java.time.Duration step) {
    if (models.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    String matcher = modelMatcher(settings.modelLabel(), models);
    return guarded(() -> {
      Map<MetricKind, CompletableFuture<List<PromQueryResult.Series>>> answers = new EnumMap<>(MetricKind.class);
      settings.queries().forEach((kind, template) -> answers.put(kind, queryRange(
          template.replace(PrometheusSettings.MODELS_PLACEHOLDER, matcher), from, to.minusMillis(1), step)
          .toCompletableFuture()));
      return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
          .thenApply(done -> assembleHistory(models, answers));
    });
  }

  private Map<ModelName, List<MetricWindow>> assembleHistory(
      Collection<ModelName> models, Map<MetricKind, CompletableFuture<List<PromQueryResult.Series>>> answers) {
    // model -> time -> version (null: the model as a whole) -> metric -> value
    Map<String, java.util.SortedMap<Long, Map<String, Map<MetricKind, Double>>>> points = new HashMap<>();
    answers.forEach((kind, answer) -> {
      for (PromQueryResult.Series series : answer.join()) {
        String model = series.labels().get(settings.modelLabel());
        if (model == null) {
          continue;
        }
        String version = series.labels().getOrDefault(settings.versionLabel(), "");
        series.points().forEach((t, v) -> points.computeIfAbsent(model, m -> new java.util.TreeMap<>())
            .computeIfAbsent(t, x -> new HashMap<>())
            .computeIfAbsent(version, x -> new EnumMap<>(MetricKind.class)).put(kind, v));
      }
    });
    Map<ModelName, List<MetricWindow>> history = new LinkedHashMap<>();
    for (ModelName model : models) {
      java.util.SortedMap<Long, Map<String, Map<MetricKind, Double>>> byTime = points.get(model.value());
      if (byTime == null) {
        continue;
      }
      List<MetricWindow> windows = new java.util.ArrayList<>();
      byTime.forEach((t, versions) -> {
        Map<MetricKind, Double> whole = versions.containsKey("") ? versions.get("")
            : VersionMix.combine(versions.values());
        windows.add(window(Instant.ofEpochSecond(t), whole));
      });
      history.put(model, windows);
    }
    return history;
  }

  private CompletionStage<List<PromQueryResult.Series>> queryRange(String promql, Instant from, Instant to,
      java.time.Duration step) {
    String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + from.getEpochSecond()
        + "&end=" + to.getEpochSecond() + "&step=" + Math.max(1, step.toSeconds());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + "/api/v1/query_range"))
        .timeout(settings.requestTimeout().multipliedBy(3))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    String auth = authorization.get();
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      if (response.statusCode() / 100 != 2 && response.statusCode() != 422 && response.statusCode() != 400) {
        throw new UncheckedIOException(new IOException("Prometheus at " + settings.url() + " answered HTTP "
            + response.statusCode() + " to a range query"));
      }
      try {
        return PromQueryResult.parseMatrix(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(new IOException("range query " + promql + ": " + e.getMessage(), e));
      }
    });
  }

  /**
   * The label matcher selecting {@code models}: an alternation of validated names. Prometheus
   * anchors regex matchers, so {@code a} never matches {@code ab}; the only regex character a
   * model name may hold is the dot, escaped here (twice: once for the regex, once for the string).
   */
  static String modelMatcher(String label, Collection<ModelName> models) {
    return label + "=~\"" + models.stream().map(m -> m.value().replace(".", "\\\\."))
        .sorted().collect(Collectors.joining("|")) + "\"";
  }

  private <T> CompletionStage<T> guarded(java.util.concurrent.Callable<CompletionStage<T>> call) {
    return breaker.<T>callWithCircuitBreakerCS(call).whenComplete((ok, error) -> {
      if (error == null) {
        lastError.set(null);
      } else if (!(error instanceof org.apache.pekko.pattern.CircuitBreakerOpenException)) {
        lastError.set(error.getMessage());
      }
    }).exceptionallyCompose(error -> CompletableFuture.failedFuture(breaker.isOpen()
        ? new IOException(problem().orElse("circuit breaker open")) : unwrap(error)));
  }

  private CompletionStage<PromQueryResult> query(String promql, Instant at) {
    StringBuilder form = new StringBuilder("query=").append(URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (at != null) {
      form.append("&time=").append(at.getEpochSecond()).append('.')
          .append(String.format("%03d", at.getNano() / 1_000_000));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + "/api/v1/query"))
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    String auth = authorization.get();
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      if (response.statusCode() / 100 != 2 && response.statusCode() != 422 && response.statusCode() != 400) {
        throw new UncheckedIOException(new IOException("Prometheus at " + settings.url() + " answered HTTP "
            + response.statusCode()));
      }
      try {
        return PromQueryResult.parse(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(new IOException("query " + promql + ": " + e.getMessage(), e));
      }
    });
  }

  private Map<ModelName, ModelWindows> assemble(
      Collection<ModelName> models, Instant at, Map<MetricKind, CompletableFuture<PromQueryResult>> answers) {
    Map<String, Map<MetricKind, Double>> overall = new HashMap<>();
    Map<String, Map<String, Map<MetricKind, Double>>> byVersion = new HashMap<>();
    answers.forEach((kind, answer) -> {
      for (PromQueryResult.Sample s : answer.join().samples()) {
        String model = s.labels().get(settings.modelLabel());
        if (model == null) {
          continue;
        }
        String version = s.labels().get(settings.versionLabel());
        if (version == null) {
          overall.computeIfAbsent(model, m -> new EnumMap<>(MetricKind.class)).put(kind, s.value());
        } else {
          byVersion.computeIfAbsent(model, m -> new HashMap<>())
              .computeIfAbsent(version, v -> new EnumMap<>(MetricKind.class)).put(kind, s.value());
        }
      }
    });
    Map<ModelName, ModelWindows> windows = new LinkedHashMap<>();
    for (ModelName model : models) {
      Map<String, Map<MetricKind, Double>> versions = byVersion.getOrDefault(model.value(), Map.of());
      Map<MetricKind, Double> whole = overall.containsKey(model.value()) ? overall.get(model.value())
          : VersionMix.combine(versions.values());
      if (whole == null || whole.isEmpty()) {
        continue; // nothing at all for this model: a gap, reported by the poller as missing
      }
      Map<String, MetricWindow> perVersion = new LinkedHashMap<>();
      versions.forEach((version, values) -> perVersion.put(version, window(at, values)));
      windows.put(model, new ModelWindows(window(at, whole), perVersion));
    }
    return windows;
  }

  private static MetricWindow window(Instant at, Map<MetricKind, Double> values) {
    return new MetricWindow(at, values.getOrDefault(MetricKind.ACCURACY, Double.NaN),
        values.getOrDefault(MetricKind.LATENCY_P95_SECONDS, Double.NaN),
        values.getOrDefault(MetricKind.ERROR_RATE, Double.NaN),
        values.getOrDefault(MetricKind.THROUGHPUT_RPS, Double.NaN),
        values.getOrDefault(MetricKind.CPU_UTILIZATION, Double.NaN));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof java.util.concurrent.CompletionException || e instanceof UncheckedIOException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return new IOException("Prometheus did not answer within the request timeout", e);
    }
    if (e instanceof java.net.ConnectException) {
      return new IOException("cannot connect to Prometheus: " + e, e);
    }
    return e;
  }

  private static String authorization(PrometheusSettings s) {
    try {
      if (s.bearerTokenFile() != null) {
        return "Bearer " + ConfigFiles.readSmall(s.bearerTokenFile());
      }
      if (!s.basicUser().isBlank()) {
        String password = s.passwordFile() == null ? "" : ConfigFiles.readSmall(s.passwordFile());
        return "Basic " + Base64.getEncoder().encodeToString(
            (s.basicUser() + ":" + password).getBytes(StandardCharsets.UTF_8));
      }
      return null;
    } catch (IOException e) {
      throw new io.mlopsagent.agent.config.ConfigProblem("configuration: mlops.prometheus."
          + (s.bearerTokenFile() != null ? "bearer-token-file" : "password-file")
          + ": cannot read the Prometheus credentials file: " + e.getMessage(), e);
    }
  }
}
