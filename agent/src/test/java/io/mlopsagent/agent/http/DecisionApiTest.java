package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.DemoFaults;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision journal over real HTTP, from a daemon looking after a world with the demo's faults. */
class DecisionApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Set<String> EVERY_ADAPTATION = Set.of("degradation_detected", "rollout_started",
      "canary_step_passed", "rollout_promoted", "rollout_aborted", "rolled_back", "scaled_out", "scaled_in",
      "retraining_requested");

  @TempDir static Path dataDir;
  private static Daemon daemon;

  @BeforeAll
  static void startDaemonWithFaults() {
    AgentConfig config = TestDaemons.config(dataDir, 10);
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(config.demo().seed(), 10), TestDaemons.START);
    DemoFaults.stage(world, TestDaemons.START);
    daemon = TestDaemons.start(config, world);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> typesSeen(json(get("/api/decisions?limit=500"))).containsAll(EVERY_ADAPTATION));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void listsEveryKindOfAdaptationNewestFirstWithReasonsAndInputs() throws Exception {
    JsonNode page = json(get("/api/decisions?limit=500"));

    assertThat(page.get("total").asInt()).isEqualTo(page.get("items").size());
    Instant previous = Instant.MAX;
    for (JsonNode item : page.get("items")) {
      Instant at = Instant.parse(item.get("at").asText());
      assertThat(at).isBeforeOrEqualTo(previous);
      previous = at;
      assertThat(item.get("model").asText()).isNotBlank();
      assertThat(item.get("reason").asText()).isNotBlank();
      assertThat(item.get("policy").asText()).isEqualTo("default");
      assertThat(item.get("actuated").asBoolean()).isTrue();
    }
    JsonNode rollback = first(page, "rolled_back");
    assertThat(rollback.get("model").asText()).isEqualTo("image-classifier-005");
    assertThat(rollback.get("inputs").get("value").asDouble()).isGreaterThan(0.02);
    assertThat(rollback.get("inputs").has("baseline")).isTrue();
  }

  @Test
  void filtersByTypeAndPages() throws Exception {
    JsonNode scaled = json(get("/api/decisions?type=scaled_in"));
    JsonNode firstOnly = json(get("/api/decisions?limit=1"));

    assertThat(scaled.get("items")).isNotEmpty()
        .allSatisfy(i -> assertThat(i.get("type").asText()).isEqualTo("scaled_in"));
    assertThat(firstOnly.get("items")).hasSize(1);
    assertThat(firstOnly.get("total").asInt()).isGreaterThan(1);
  }

  @Test
  void listsOneModelsDecisions() throws Exception {
    JsonNode page = json(get("/api/models/churn-predictor-002/decisions"));

    assertThat(page.get("items")).isNotEmpty()
        .allSatisfy(i -> assertThat(i.get("model").asText()).isEqualTo("churn-predictor-002"));
    assertThat(typesSeen(page)).contains("rollout_started", "rollout_promoted");
  }

  @Test
  void aModelsStatusShowsWhatTheAgentDid() throws Exception {
    JsonNode status = json(get("/api/models/churn-predictor-002"));

    assertThat(status.get("policy").get("mode").asText()).isEqualTo("act");
    assertThat(status.get("workload").get("stableVersion").asText()).isEqualTo("v2");
    assertThat(status.get("rollout").get("status").asText()).isEqualTo("promoted");
    assertThat(status.get("dataGaps").get("windows").asLong()).isZero();
  }

  @Test
  void metricsShowTheFleetAndWhatTheAgentDid() throws Exception {
    String text = get("/metrics").body();

    assertThat(text)
        .contains("mlops_adaptations_total{model=\"image-classifier-005\",type=\"rolled_back\"} 1.0")
        .contains("mlops_deployment_duration_seconds_count{outcome=\"promoted\"}")
        .contains("mlops_deployment_duration_seconds_count{outcome=\"aborted\"}")
        .contains("mlops_analysis_threshold{metric=\"accuracy\",model=\"churn-predictor-002\"} 0.85")
        .containsPattern("mlops_model_accuracy\\{model=\"fraud-scoring-001\"} 0\\.\\d+")
        .contains("mlops_metrics_source_up 1.0");
  }

  @Test
  void anUnknownTypeIsRefusedWithTheAllowedOnes() throws Exception {
    HttpResponse<String> r = get("/api/decisions?type=exploded");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains("'type'").contains("exploded").contains("rolled_back");
  }

  private static JsonNode first(JsonNode page, String type) {
    for (JsonNode item : page.get("items")) {
      if (item.get("type").asText().equals(type)) {
        return item;
      }
    }
    throw new AssertionError("no " + type + " in " + page);
  }

  private static Set<String> typesSeen(JsonNode page) {
    Set<String> types = new HashSet<>();
    page.get("items").forEach(i -> types.add(i.get("type").asText()));
    return types;
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }
}
