package io.mlopsagent.agent.bench.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Serves one {@link SimulatedWorld} over HTTP on loopback, so that agent nodes running in other
 * JVMs all look after the same world (its clock, its cluster's action log, its registry) through
 * {@link RemoteWorld}. JSON bodies; {@code {model}} is a model name, {@code action} an action id.
 *
 * <pre>
 * GET  /models                          discover: ["name", ...]
 * POST /windows                         fetch {models:[...], at}: {name: ModelWindows} (advances the clock)
 * POST /history                         {models:[...], from, to, step}: {name: [MetricWindow]}
 * GET  /models/{model}/versions         registry versions, newest first: [ModelVersion]
 * POST /models/{model}/promotion        {action, version}: {}
 * GET  /models/{model}/workload         Workload, or null when the cluster has none
 * POST /models/{model}/scale            {action, replicas, cpuCores}: Workload
 * POST /models/{model}/candidate        {action, version, weightPercent, split?, cpuCores?}: Workload
 * POST /models/{model}/candidate/weight {action, weightPercent, split?}: Workload
 * POST /models/{model}/candidate/promote {action}: Workload
 * POST /models/{model}/candidate/remove {action}: Workload
 * POST /models/{model}/stable           {action, version}: Workload
 * POST /models/{model}/retraining       {action, reason}: {runId}
 * </pre>
 *
 * <p>A call the world refuses (its stage fails, an {@link IllegalStateException} from the
 * simulated cluster, say) answers 409 {@code {"error": message}}; a malformed request 400 naming
 * the field; an unknown path 404; a known path with the wrong method 405.
 */
public final class WorldServer implements AutoCloseable {
  /**
   * Handler threads. Three nodes each poll and act at once, and the world's calls are short and
   * synchronized inside it, so a few threads keep up; a fixed pool bounds what a runaway client
   * can cost the benchmark's own process.
   */
  public static final int THREADS = 8;

  private final SimulatedWorld world;
  private final HttpServer http;
  private final ExecutorService pool;
  private final ObjectMapper json = WorldJson.mapper();
  private final URI uri;

  private WorldServer(SimulatedWorld world, HttpServer http, ExecutorService pool) {
    this.world = world;
    this.http = http;
    this.pool = pool;
    // Kept: a report may name the address after the server has stopped.
    this.uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** Serves {@code world} on 127.0.0.1, on a free port (see {@link #uri()}). */
  public static WorldServer start(SimulatedWorld world) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "world-server-" + threads.incrementAndGet());
      t.setDaemon(true); // never what keeps a finished benchmark alive
      return t;
    });
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WorldServer server = new WorldServer(world, http, pool);
      http.createContext("/", server::handle);
      http.setExecutor(pool);
      http.start();
      return server;
    } catch (IOException e) {
      pool.shutdownNow();
      throw new UncheckedIOException("cannot bind the world server on loopback", e);
    }
  }

  /** Where the world is served, e.g. {@code http://127.0.0.1:40123}. */
  public URI uri() {
    return uri;
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    CompletionStage<?> answer;
    try {
      String method = exchange.getRequestMethod();
      List<String> path = Arrays.stream(exchange.getRequestURI().getPath().split("/"))
          .filter(s -> !s.isEmpty()).toList();
      answer = route(method, path, WorldRequest.read(exchange, json));
    } catch (WorldRequest.Refused e) {
      send(exchange, e.status(), error(e.getMessage()));
      return;
    } catch (IllegalArgumentException e) {
      // an invalid action id, say: refused while reading the request, before the world saw it
      send(exchange, 400, error(e.getMessage()));
      return;
    }
    answer.whenComplete((value, failure) -> {
      if (failure == null) {
        send(exchange, 200, value);
      } else {
        send(exchange, 409, error(message(failure)));
      }
    });
  }

  private CompletionStage<?> route(String method, List<String> path, WorldRequest req) {
    if (path.size() == 1) {
      switch (path.get(0)) {
        case "models":
          expect(method, "GET");
          return call(() -> world.discover().thenApply(names -> names.stream().map(ModelName::value).toList()));
        case "windows":
          expect(method, "POST");
          List<ModelName> fetched = req.models("models");
          return call(() -> world.fetch(fetched, req.instant("at")).thenApply(WorldServer::byName));
        case "history":
          expect(method, "POST");
          List<ModelName> past = req.models("models");
          return call(() -> world.history(past, req.instant("from"), req.instant("to"), req.duration("step"))
              .thenApply(WorldServer::byName));
        default:
          throw notFound(path);
      }
    }
    if (path.size() < 3 || !path.get(0).equals("models")) {
      throw notFound(path);
    }
    ModelName model = WorldRequest.model("model", path.get(1));
    String operation = String.join("/", path.subList(2, path.size()));
    if (operation.equals("versions") || operation.equals("workload")) {
      expect(method, "GET");
      return operation.equals("versions") ? call(() -> world.registry().versions(model))
          : call(() -> world.cluster().workload(model).thenApply(w -> w.orElse(null)));
    }
    expect(method, "POST");
    return act(operation, model, req, path);
  }

  /** The per-model calls that change the world; each carries its action id. */
  private CompletionStage<?> act(String operation, ModelName model, WorldRequest req, List<String> path) {
    ActionId action = req.action();
    switch (operation) {
      case "promotion":
        String promoted = req.text("version");
        return call(() -> world.registry().recordPromotion(action, model, promoted).thenApply(v -> Map.of()));
      case "scale":
        int replicas = req.integer("replicas");
        double cores = req.number("cpuCores");
        return call(() -> world.cluster().scale(action, model, replicas, cores));
      case "candidate":
        return deploy(action, model, req);
      case "candidate/weight":
        int weight = req.integer("weightPercent");
        TrafficSplit split = req.split();
        return split == null ? call(() -> world.cluster().setCandidateWeight(action, model, weight))
            : call(() -> world.cluster().setCandidateWeight(action, model, weight, split));
      case "candidate/promote":
        return call(() -> world.cluster().promoteCandidate(action, model));
      case "candidate/remove":
        return call(() -> world.cluster().removeCandidate(action, model));
      case "stable":
        String stable = req.text("version");
        return call(() -> world.cluster().setStableVersion(action, model, stable));
      case "retraining":
        String reason = req.text("reason");
        return call(() -> world.retraining().requestRetraining(action, model, reason)
            .thenApply(runId -> Map.of("runId", runId)));
      default:
        throw notFound(path);
    }
  }

  /** Calls the overload the client called, so the world sees what the agent asked for and no more. */
  private CompletionStage<?> deploy(ActionId action, ModelName model, WorldRequest req) {
    String version = req.text("version");
    int weight = req.integer("weightPercent");
    TrafficSplit split = req.split();
    OptionalDouble cpu = req.optionalNumber("cpuCores");
    if (cpu.isPresent()) {
      TrafficSplit asked = split == null ? TrafficSplit.CLUSTER_DEFAULT : split;
      return call(() -> world.cluster().deployCandidate(action, model, version, weight, asked, cpu.getAsDouble()));
    }
    return split == null ? call(() -> world.cluster().deployCandidate(action, model, version, weight))
        : call(() -> world.cluster().deployCandidate(action, model, version, weight, split));
  }

  /** A world call that throws is refused like one whose stage fails: it is the world saying no. */
  private static CompletionStage<?> call(Supplier<CompletionStage<?>> port) {
    try {
      return port.get();
    } catch (WorldRequest.Refused e) {
      throw e;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <V> Map<String, V> byName(Map<ModelName, V> byModel) {
    Map<String, V> out = new LinkedHashMap<>();
    byModel.forEach((model, value) -> out.put(model.value(), value));
    return out;
  }

  private static void expect(String method, String expected) {
    if (!method.equals(expected)) {
      throw new WorldRequest.Refused(405, "use " + expected + " here, not " + method);
    }
  }

  private static WorldRequest.Refused notFound(List<String> path) {
    return new WorldRequest.Refused(404, "no such path: /" + String.join("/", path));
  }

  private static Map<String, String> error(String message) {
    return Map.of("error", message == null ? "unknown error" : message);
  }

  private static String message(Throwable failure) {
    Throwable e = failure;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void send(HttpExchange exchange, int status, Object value) {
    try (exchange) {
      byte[] bytes;
      try {
        bytes = json.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        status = 500;
        bytes = json.writeValueAsBytes(error("cannot write the answer: " + e.getOriginalMessage()));
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client went away (a node killed mid-request): nothing left to tell it.
    }
  }
}
