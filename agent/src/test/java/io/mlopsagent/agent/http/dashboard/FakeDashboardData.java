package io.mlopsagent.agent.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A fleet of five models in every state, shaped like the admin API's JSON, for the dashboard's
 * tests: a healthy model, one in a canary rollout, a degraded one whose latency crossed its
 * threshold (and whose decision reason carries markup, to prove it is escaped), a paused one and
 * one still warming up with gaps in its data. Deterministic: the same data every run.
 */
final class FakeDashboardData implements DashboardData {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final int WINDOWS = 120;
  static final String HOSTILE_REASON = "latency p95 0.41 s above 0.30 s <script>alert('x')</script> & more";
  static final List<String> MODELS = List.of("fraud-detector-001", "churn-predictor-002", "recommender-003",
      "search-ranker-004", "pricing-005");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean fleetPaused;
  private final Map<String, ObjectNode> statuses = new LinkedHashMap<>();
  private final Map<String, ObjectNode> histories = new LinkedHashMap<>();
  private final List<ObjectNode> decisions = new ArrayList<>();
  private volatile Throwable historyFailure;

  FakeDashboardData(boolean fleetPaused) {
    this.fleetPaused = fleetPaused;
    model("fraud-detector-001", "healthy", "conservative", "12", null, WINDOWS, 0);
    model("churn-predictor-002", "rolling_out", "canary-default", "7", rollout("7", "8", "in_progress", 2, 25),
        WINDOWS, 0);
    model("recommender-003", "degraded", "latency-sensitive", "31", null, WINDOWS, 30);
    model("search-ranker-004", "paused", "conservative", "5", null, WINDOWS, 0);
    model("pricing-005", "warming_up", "observe-only", "1", null, 9, 0);
    decision("recommender-003", "degradation_detected", 4, HOSTILE_REASON, Map.of("latencyP95Seconds", 0.41,
        "threshold", 0.3, "windows", 3.0));
    decision("recommender-003", "scaled_out", 3, "CPU at 86% for 5 windows: replicas 3 -> 4", Map.of("cpu", 0.86));
    decision("churn-predictor-002", "rollout_started", 40, "version 8 validates better than serving version 7 "
        + "(accuracy 0.934 vs 0.917): canary in 4 steps", Map.of("accuracy", 0.934));
    decision("churn-predictor-002", "canary_step_passed", 20, "step 1 at 10%: error rate 0.8% within 5%, "
        + "latency p95 182 ms within 300 ms", Map.of("errorRate", 0.008));
    decision("fraud-detector-001", "rollout_promoted", 300, "version 12 passed every step and is now stable",
        Map.of());
    decision("search-ranker-004", "rolled_back", 200, "accuracy 0.81 below 0.87 after version 6: back to 5",
        Map.of("accuracy", 0.81));
    decisions.sort(Comparator.comparing((ObjectNode d) -> d.get("at").asText()).reversed());
  }

  /** The next {@link #history} calls fail with {@code failure}; null to answer again. */
  void failHistoryWith(Throwable failure) {
    this.historyFailure = failure;
  }

  @Override
  public CompletionStage<JsonNode> fleet() {
    ObjectNode fleet = JSON.createObjectNode();
    fleet.put("paused", fleetPaused);
    fleet.put("pausedBy", fleetPaused ? "ops-oncall" : null);
    fleet.put("pausedReason", fleetPaused ? "change freeze <until Monday> & audit" : null);
    fleet.put("pausedAt", fleetPaused ? NOW.minusSeconds(600).toString() : null);
    fleet.put("models", statuses.size());
    ObjectNode byState = fleet.putObject("byState");
    FleetPage.STATES.forEach(s -> byState.put(s, 0));
    statuses.values().forEach(s -> byState.put(s.get("state").asText(), byState.get(s.get("state").asText()).asInt() + 1));
    ArrayNode inFlight = fleet.putArray("rolloutsInFlight");
    statuses.values().stream().filter(s -> !s.get("rollout").isNull()).forEach(s -> {
      JsonNode r = s.get("rollout");
      ObjectNode item = inFlight.addObject();
      item.put("model", s.get("name").asText());
      item.put("rolloutId", r.get("id").asText());
      for (String f : List.of("fromVersion", "toVersion", "strategy", "status", "step", "weight", "startedAt")) {
        item.set(f, r.get(f));
      }
    });
    return CompletableFuture.completedFuture(fleet);
  }

  @Override
  public CompletionStage<JsonNode> models(int offset, int limit) {
    ObjectNode page = JSON.createObjectNode();
    page.put("total", statuses.size());
    page.put("offset", offset);
    page.put("limit", limit);
    ArrayNode items = page.putArray("items");
    statuses.values().stream().skip(offset).limit(limit).forEach(s -> {
      ObjectNode item = items.addObject();
      item.put("name", s.get("name").asText());
      item.put("state", s.get("state").asText());
      item.put("policy", s.get("policy").get("name").asText());
      item.put("paused", s.get("paused").asBoolean());
      item.put("degraded", "degraded".equals(s.get("state").asText()));
      item.put("inRollout", !s.get("rollout").isNull());
      item.set("eventCount", s.get("eventCount"));
      item.set("latest", s.get("latest"));
    });
    return CompletableFuture.completedFuture(page);
  }

  @Override
  public CompletionStage<Optional<JsonNode>> model(String name) {
    return CompletableFuture.completedFuture(Optional.ofNullable(statuses.get(name)));
  }

  @Override
  public CompletionStage<JsonNode> history(String name) {
    Throwable failure = historyFailure;
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    ObjectNode history = histories.get(name);
    return history == null ? CompletableFuture.failedFuture(new UnknownModelException(name))
        : CompletableFuture.completedFuture(history);
  }

  @Override
  public CompletionStage<JsonNode> decisions(String nameOrNull, int limit) {
    List<ObjectNode> matching = decisions.stream()
        .filter(d -> nameOrNull == null || d.get("model").asText().equals(nameOrNull)).toList();
    ObjectNode page = JSON.createObjectNode();
    page.put("total", matching.size());
    page.put("offset", 0);
    page.put("limit", limit);
    ArrayNode items = page.putArray("items");
    matching.stream().limit(limit).forEach(items::add);
    return CompletableFuture.completedFuture(page);
  }

  private void model(String name, String state, String policy, String stable, ObjectNode rollout, int windows,
      int degradedWindows) {
    Random random = new Random(name.hashCode());
    ObjectNode history = JSON.createObjectNode();
    history.put("model", name);
    ArrayNode ws = history.putArray("windows");
    ObjectNode baseline = history.putObject("baseline");
    for (Metric m : Metric.values()) {
      baseline.putArray(m.field());
    }
    for (int i = 0; i < windows; i++) {
      Instant at = NOW.minus(Duration.ofMinutes(windows - 1 - i));
      boolean degrading = i >= windows - degradedWindows;
      double wave = Math.sin(i / 9.0);
      ObjectNode w = ws.addObject();
      w.put("at", at.toString());
      w.put("accuracy", 0.92 + 0.01 * wave + random.nextGaussian() * 0.004);
      w.put("latencyP95Seconds", (degrading ? 0.33 + 0.003 * (i - windows + degradedWindows) : 0.18)
          + 0.015 * wave + Math.abs(random.nextGaussian()) * 0.01);
      // A scrape outage: three windows without an error rate, drawn as a gap, not a line.
      if (i >= 40 && i < 43) {
        w.putNull("errorRate");
      } else {
        w.put("errorRate", 0.01 + 0.004 * wave + Math.abs(random.nextGaussian()) * 0.002);
      }
      w.put("throughputRps", 120 + 30 * Math.sin(i / 20.0) + random.nextGaussian() * 4);
      w.put("cpuUtilization", (degrading ? 0.82 : 0.55) + 0.05 * wave + random.nextGaussian() * 0.01);
      // The baseline is unknown for the first windows, while the agent learns the model.
      boolean known = i >= 10;
      ((ArrayNode) baseline.get(Metric.ACCURACY.field())).add(known ? 0.92 : null);
      ((ArrayNode) baseline.get(Metric.LATENCY_P95.field())).add(known ? 0.18 : null);
      ((ArrayNode) baseline.get(Metric.ERROR_RATE.field())).add(known ? 0.01 : null);
      ((ArrayNode) baseline.get(Metric.THROUGHPUT.field())).add(known ? 120 + 30 * Math.sin(i / 20.0) : null);
      ((ArrayNode) baseline.get(Metric.CPU.field())).add(known ? 0.55 : null);
    }
    ObjectNode thresholds = history.putObject("thresholds");
    thresholds.putObject("accuracy").put("below", 0.87);
    thresholds.putObject("latencyP95Seconds").put("above", 0.3);
    thresholds.putObject("errorRate").put("above", 0.05);
    thresholds.putObject("cpuUtilization").put("above", 0.8).put("below", 0.2);
    histories.put(name, history);

    ObjectNode s = JSON.createObjectNode();
    s.put("name", name);
    s.put("state", state);
    boolean paused = "paused".equals(state);
    s.put("paused", paused);
    s.put("pausedBy", paused ? "alice@ops" : null);
    s.put("pausedReason", paused ? "investigating <b>drift</b> in the labels" : null);
    s.put("eventCount", windows);
    s.put("firstObservedAt", ws.get(0).get("at").asText());
    s.set("latest", ws.get(windows - 1));
    s.putObject("summaries");
    s.putObject("policy").put("name", policy).put("mode", "observe-only".equals(policy) ? "observe" : "act");
    ObjectNode workload = s.putObject("workload");
    workload.put("stableVersion", stable);
    workload.put("candidateVersion", rollout == null ? null : rollout.get("toVersion").asText());
    workload.put("candidateWeight", rollout == null ? 0 : rollout.get("weight").asInt());
    workload.put("replicas", degradedWindows > 0 ? 4 : 3);
    workload.put("cpuCores", 0.5);
    s.set("rollout", rollout == null ? JSON.nullNode() : rollout);
    ObjectNode signals = s.putObject("signals");
    signals.put("latency_degraded", degradedWindows > 0 ? 3 : 0);
    signals.put("accuracy_degraded", 0);
    s.putObject("surprise").put("accuracy", 0.1).put("latencyP95Seconds", degradedWindows > 0 ? 0.97 : 0.2);
    s.putObject("dataGaps");
    s.put("limitation", "observe-only".equals(policy) ? "observe mode: the agent recommends and does not act" : null);
    statuses.put(name, s);
  }

  private static ObjectNode rollout(String from, String to, String status, int step, int weight) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", "r-" + from + "-" + to);
    r.put("fromVersion", from);
    r.put("toVersion", to);
    r.put("strategy", "canary");
    r.put("status", status);
    r.put("step", step);
    r.put("weight", weight);
    r.put("startedAt", NOW.minus(Duration.ofMinutes(40)).toString());
    r.putNull("endedAt");
    r.put("reason", "version 8 validates better than version 7");
    return r;
  }

  private void decision(String model, String type, int minutesAgo, String reason, Map<String, Double> inputs) {
    ObjectNode d = JSON.createObjectNode();
    d.put("sequenceNr", 100 + decisions.size());
    d.put("model", model);
    d.put("type", type);
    d.put("at", NOW.minus(Duration.ofMinutes(minutesAgo)).toString());
    d.put("reason", reason);
    ObjectNode in = d.putObject("inputs");
    inputs.forEach(in::put);
    d.put("policy", statuses.get(model).get("policy").get("name").asText());
    d.put("mode", "act");
    d.put("actuated", true);
    decisions.add(d);
  }
}
