package io.mlopsagent.agent.bench.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.actors.ports.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The agent's ports onto a world served by a {@link WorldServer} in another process: what an
 * agent node of the failover benchmark uses as its metrics source, cluster, registry and training
 * system. Every call is one HTTP request with the timeout given here. A call the world refuses
 * fails with an {@link IllegalStateException} carrying the world's message, as the in-process
 * world would; a request the server calls malformed fails with an {@link IllegalArgumentException};
 * a server that does not answer fails the call with an {@link UncheckedIOException} and is not
 * retried here (the agent retries its actions itself, under the same action id).
 */
public final class RemoteWorld implements MetricsSource, ClusterActuator, ModelRegistry, RetrainingTrigger {
  private final String base;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = WorldJson.mapper();

  public RemoteWorld(URI base, Duration timeout) {
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.timeout = timeout;
    // HTTP/1.1: the JDK's HttpServer does not speak h2c, so an upgrade attempt would only cost a round trip.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  @Override
  public CompletionStage<List<ModelName>> discover() {
    return this.<List<String>>send("GET", "/models", null, listOf(String.class))
        .thenApply(names -> names.stream().map(ModelName::of).toList());
  }

  @Override
  public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at) {
    ObjectNode body = body().put("at", at.toString());
    body.set("models", json.valueToTree(models));
    return this.<Map<String, ModelWindows>>send("POST", "/windows", body, byName(ModelWindows.class))
        .thenApply(RemoteWorld::byModel);
  }

  @Override
  public CompletionStage<Map<ModelName, List<MetricWindow>>> history(
      Collection<ModelName> models, Instant from, Instant to, Duration step) {
    ObjectNode body = body().put("from", from.toString()).put("to", to.toString()).put("step", step.toString());
    body.set("models", json.valueToTree(models));
    JavaType windows = types().constructCollectionType(List.class, MetricWindow.class);
    JavaType type = types().constructMapType(LinkedHashMap.class, types().constructType(String.class), windows);
    return this.<Map<String, List<MetricWindow>>>send("POST", "/history", body, type)
        .thenApply(RemoteWorld::byModel);
  }

  @Override
  public CompletionStage<List<ModelVersion>> versions(ModelName model) {
    return send("GET", path(model, "versions"), null, listOf(ModelVersion.class));
  }

  @Override
  public CompletionStage<Void> recordPromotion(ActionId action, ModelName model, String version) {
    return this.<JsonNode>send("POST", path(model, "promotion"), body(action).put("version", version),
        types().constructType(JsonNode.class)).thenApply(answer -> null);
  }

  @Override
  public CompletionStage<Optional<Workload>> workload(ModelName model) {
    // The server answers JSON null for a model the cluster runs nothing for.
    return this.<Workload>send("GET", path(model, "workload"), null, types().constructType(Workload.class))
        .thenApply(Optional::ofNullable);
  }

  @Override
  public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
    return change(model, "scale", body(action).put("replicas", replicas).put("cpuCores", cpuCores));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weightPercent) {
    return change(model, "candidate", candidate(action, version, weightPercent));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(
      ActionId action, ModelName model, String version, int weightPercent, TrafficSplit split) {
    return change(model, "candidate", candidate(action, version, weightPercent).put("split", split.word()));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version,
      int weightPercent, TrafficSplit split, double cpuCores) {
    return change(model, "candidate",
        candidate(action, version, weightPercent).put("split", split.word()).put("cpuCores", cpuCores));
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weightPercent) {
    return change(model, "candidate/weight", body(action).put("weightPercent", weightPercent));
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(
      ActionId action, ModelName model, int weightPercent, TrafficSplit split) {
    return change(model, "candidate/weight", body(action).put("weightPercent", weightPercent)
        .put("split", split.word()));
  }

  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return change(model, "candidate/promote", body(action));
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return change(model, "candidate/remove", body(action));
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    return change(model, "stable", body(action).put("version", version));
  }

  @Override
  public CompletionStage<String> requestRetraining(ActionId action, ModelName model, String reason) {
    return this.<JsonNode>send("POST", path(model, "retraining"), body(action).put("reason", reason),
        types().constructType(JsonNode.class)).thenApply(answer -> answer.path("runId").asText());
  }

  private CompletionStage<Workload> change(ModelName model, String operation, ObjectNode body) {
    return send("POST", path(model, operation), body, types().constructType(Workload.class));
  }

  /**
   * Sends one request and decodes the answer. The stage fails with the exception itself, never a
   * {@link CompletionException} around it, so a caller sees what it would see in-process.
   */
  private <T> CompletableFuture<T> send(String method, String path, ObjectNode body, JavaType type) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(write(body)));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
      if (error != null) {
        result.completeExceptionally(unreachable(method, path, error));
        return;
      }
      try {
        result.complete(decode(method, path, response, type));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  private <T> T decode(String method, String path, HttpResponse<byte[]> response, JavaType type) {
    int status = response.statusCode();
    if (status == 200) {
      try {
        return json.readValue(response.body(), type);
      } catch (IOException e) {
        throw new IllegalStateException("unreadable answer to " + method + " " + path + ": " + e.getMessage(), e);
      }
    }
    String message = errorOf(response.body());
    if (status == 409) {
      throw new IllegalStateException(message);
    }
    if (status == 400) {
      throw new IllegalArgumentException(message);
    }
    throw new IllegalStateException("world server answered " + status + " to " + method + " " + path + ": " + message);
  }

  /** The server's {@code error} field, or the raw text of an answer that is not the server's JSON. */
  private String errorOf(byte[] body) {
    try {
      JsonNode error = json.readTree(body).path("error");
      return error.isTextual() ? error.asText() : new String(body, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RuntimeException unreachable(String method, String path, Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
        + e.getMessage();
    String message = "world server " + base + " did not answer " + method + " " + path + ": " + why;
    return e instanceof IOException io ? new UncheckedIOException(message, io) : new IllegalStateException(message, e);
  }

  private byte[] write(ObjectNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a request: " + e.getOriginalMessage(), e);
    }
  }

  private ObjectNode body() {
    return json.createObjectNode();
  }

  private ObjectNode body(ActionId action) {
    return body().put("action", action.value());
  }

  private ObjectNode candidate(ActionId action, String version, int weightPercent) {
    return body(action).put("version", version).put("weightPercent", weightPercent);
  }

  private static String path(ModelName model, String operation) {
    // Model names obey the label-value rules, so they need no escaping in a path segment.
    return "/models/" + model.value() + "/" + operation;
  }

  private static <V> Map<ModelName, V> byModel(Map<String, V> byName) {
    Map<ModelName, V> out = new LinkedHashMap<>();
    byName.forEach((name, value) -> out.put(ModelName.of(name), value));
    return out;
  }

  private JavaType byName(Class<?> value) {
    return types().constructMapType(LinkedHashMap.class, String.class, value);
  }

  private JavaType listOf(Class<?> element) {
    return types().constructCollectionType(List.class, element);
  }

  private TypeFactory types() {
    return json.getTypeFactory();
  }
}
