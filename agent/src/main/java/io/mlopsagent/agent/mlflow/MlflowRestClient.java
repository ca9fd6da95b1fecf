package io.mlopsagent.agent.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.agent.config.ConfigFiles;
import io.mlopsagent.agent.http.client.HttpCallException;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import io.mlopsagent.agent.http.client.JsonResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The few MLflow REST 2.0 calls the agent makes, each answering the JSON it needs. MLflow's
 * {@code RESOURCE_DOES_NOT_EXIST} comes back as an empty answer, because for the registry an
 * alias or a model that is not there is news, not a failure; every other error fails with the URL.
 */
final class MlflowRestClient {
  static final String DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";

  private final JsonHttpClient http;
  private final URI root;
  private final Optional<Path> tokenFile;

  MlflowRestClient(JsonHttpClient http, URI apiRoot, Optional<Path> tokenFile) {
    this.http = http;
    this.root = apiRoot;
    this.tokenFile = tokenFile;
  }

  /** The version an alias points at ({@code GET registered-models/alias}); empty when the alias or model is unknown. */
  CompletableFuture<Optional<JsonNode>> versionByAlias(String model, String alias) {
    URI uri = uri("registered-models/alias", Map.of("name", model, "alias", alias));
    return get(uri).thenApply(body -> body.map(b -> b.path("model_version")));
  }

  /**
   * The newest version in each of {@code stages} ({@code POST registered-models/get-latest-versions});
   * empty when the model is unknown. Stages are deprecated since MLflow 2.9 but older registries use them.
   */
  CompletableFuture<Optional<List<JsonNode>>> latestVersions(String model, List<String> stages) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", model);
    body.put("stages", stages);
    return post(uri("registered-models/get-latest-versions", Map.of()), body).thenApply(answer -> answer.map(b -> {
      List<JsonNode> versions = new ArrayList<>();
      b.path("model_versions").forEach(versions::add);
      return versions;
    }));
  }

  /** A version with its tags ({@code GET model-versions/get}); empty when it is unknown. */
  CompletableFuture<Optional<JsonNode>> modelVersion(String model, String version) {
    URI uri = uri("model-versions/get", Map.of("name", model, "version", version));
    return get(uri).thenApply(body -> body.map(b -> b.path("model_version")));
  }

  /** The latest value of metric {@code key} of a run ({@code GET runs/get}); empty when the run or metric is absent. */
  CompletableFuture<OptionalDouble> runMetric(String runId, String key) {
    return get(uri("runs/get", Map.of("run_id", runId))).thenApply(body -> {
      if (body.isEmpty()) {
        return OptionalDouble.empty();
      }
      for (JsonNode metric : body.get().path("run").path("data").path("metrics")) {
        if (key.equals(metric.path("key").asText()) && metric.path("value").isNumber()) {
          return OptionalDouble.of(metric.path("value").asDouble());
        }
      }
      return OptionalDouble.empty();
    });
  }

  /** Points {@code alias} at {@code version} ({@code POST registered-models/alias}); moving it again is harmless. */
  CompletableFuture<Void> setAlias(String model, String alias, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", model);
    body.put("alias", alias);
    body.put("version", version);
    return post(uri("registered-models/alias", Map.of()), body).thenAccept(answer -> required(answer, "alias", model));
  }

  /** Sets a tag on a version ({@code POST model-versions/set-tag}); setting the same value again is harmless. */
  CompletableFuture<Void> setTag(String model, String version, String key, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", model);
    body.put("version", version);
    body.put("key", key);
    body.put("value", value);
    return post(uri("model-versions/set-tag", Map.of()), body)
        .thenAccept(answer -> required(answer, "version " + version, model));
  }

  private void required(Optional<JsonNode> answer, String what, String model) {
    if (answer.isEmpty()) {
      throw new IllegalStateException("MLflow at " + root + " does not know " + what + " of registered model '"
          + model + "'");
    }
  }

  private CompletableFuture<Optional<JsonNode>> get(URI uri) {
    return withHeaders().thenCompose(headers -> http.get(uri, headers)).thenApply(r -> judge("GET", r));
  }

  private CompletableFuture<Optional<JsonNode>> post(URI uri, Map<String, Object> body) {
    byte[] bytes = http.bytes(body);
    return withHeaders().thenCompose(headers -> http.post(uri, bytes, headers)).thenApply(r -> judge("POST", r));
  }

  private static Optional<JsonNode> judge(String method, JsonResponse response) {
    if (response.successful()) {
      return Optional.of(response.body());
    }
    if (DOES_NOT_EXIST.equals(response.errorCode())) {
      return Optional.empty();
    }
    throw new HttpCallException(method, response.uri(), response.describe(), false, null);
  }

  /** The bearer token is read on every request, so a rotated Secret is picked up without a restart. */
  private CompletableFuture<Map<String, String>> withHeaders() {
    if (tokenFile.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    try {
      String token = ConfigFiles.readSmall(tokenFile.get());
      return CompletableFuture.completedFuture(Map.of("Authorization", "Bearer " + token));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "mlops.mlflow.token-file '" + tokenFile.get() + "' cannot be read: " + e.getMessage(), e));
    }
  }

  private URI uri(String endpoint, Map<String, String> query) {
    StringBuilder s = new StringBuilder(root.toString()).append(endpoint);
    char sep = '?';
    // Sorted, so URLs in logs and tests are stable.
    for (Map.Entry<String, String> q : new TreeMap<>(query).entrySet()) {
      s.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(s.toString());
  }
}
