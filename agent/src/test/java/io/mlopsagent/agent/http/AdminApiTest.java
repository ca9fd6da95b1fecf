package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API over real HTTP on loopback, against a running demo daemon. */
class AdminApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int MODELS = 7;

  @TempDir static Path dataDir;
  private static Daemon daemon;

  @BeforeAll
  static void startDaemon() {
    daemon = TestDaemons.start(dataDir, MODELS);
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
  }

  @AfterAll
  static void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void healthIsOk() throws Exception {
    HttpResponse<String> r = get("/healthz");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void readinessSaysTheFleetIsObserved() throws Exception {
    JsonNode ready = json(get("/readyz"));

    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.get("models").asInt()).isEqualTo(MODELS);
  }

  @Test
  void listsEveryModelWithItsEvents() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> minEventCount(json(get("/api/models"))) > 0);
    JsonNode page = json(get("/api/models"));

    assertThat(page.get("total").asInt()).isEqualTo(MODELS);
    assertThat(page.get("items")).hasSize(MODELS);
    JsonNode first = page.get("items").get(0);
    assertThat(first.get("name").asText()).isEqualTo("churn-predictor-002");
    assertThat(first.get("latest").get("accuracy").asDouble()).isBetween(0.5, 1.0);
  }

  @Test
  void pagesThroughTheFleetWithOffsetAndLimit() throws Exception {
    List<String> names = new ArrayList<>();
    for (int offset = 0; offset < MODELS; offset += 3) {
      JsonNode page = json(get("/api/models?offset=" + offset + "&limit=3"));
      assertThat(page.get("total").asInt()).isEqualTo(MODELS);
      assertThat(page.get("limit").asInt()).isEqualTo(3);
      page.get("items").forEach(item -> names.add(item.get("name").asText()));
    }

    assertThat(names).hasSize(MODELS).doesNotHaveDuplicates().isSorted();
    assertThat(json(get("/api/models?offset=100")).get("items")).isEmpty();
  }

  @Test
  void showsOneModelsStatusWithItsLatestWindow() throws Exception {
    HttpResponse<String> r = get("/api/models/fraud-scoring-001");
    JsonNode status = json(r);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(status.get("name").asText()).isEqualTo("fraud-scoring-001");
    assertThat(status.get("eventCount").asLong()).isPositive();
    JsonNode latest = status.get("latest");
    for (String field : List.of("at", "accuracy", "latencyP95Seconds", "errorRate", "throughputRps", "cpuUtilization")) {
      assertThat(latest.hasNonNull(field)).as(field).isTrue();
    }
    assertThat(status.get("summaries").get("latencyP95Seconds").get("mean").asDouble()).isPositive();
  }

  @Test
  void anUnknownModelIs404WithAJsonError() throws Exception {
    HttpResponse<String> r = get("/api/models/never-seen-model");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("never-seen-model").contains("not known");
  }

  @ParameterizedTest
  @CsvSource({
    "/api/models/-leading-dash, model name",
    "/api/models/a%20b, model name",
    "/api/models/" + "x%7Bjob%3D%22y%22%7D" + ", model name",
    "/api/models?limit=0, 'limit'",
    "/api/models?limit=abc, 'limit'",
    "/api/models?limit=100000, 'limit'",
    "/api/models?offset=-1, 'offset'"
  })
  void badInputIs400WithAMessageNamingIt(String path, String named) throws Exception {
    HttpResponse<String> r = get(path);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).contains("json"));
    assertThat(json(r).get("error").asText()).contains(named);
  }

  @Test
  void unknownPathsAndMethodsAreJsonErrors() throws Exception {
    HttpResponse<String> missing = get("/no/such/thing");
    HttpResponse<String> post = HTTP.send(
        HttpRequest.newBuilder(uri("/api/models")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("status").asInt()).isEqualTo(404);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(json(post).get("error").asText()).contains("GET");
  }

  @Test
  void answeringARolloutThatIsNotPausedIsAConflictAndAnUnknownAnswerIsNotFound() throws Exception {
    HttpResponse<String> promote = HTTP.send(HttpRequest.newBuilder(uri("/api/models/fraud-scoring-001/rollout/promote"))
        .header("Authorization", "Bearer " + TestDaemons.TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> dance = HTTP.send(HttpRequest.newBuilder(uri("/api/models/fraud-scoring-001/rollout/dance"))
        .header("Authorization", "Bearer " + TestDaemons.TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(promote.statusCode()).isEqualTo(409);
    assertThat(json(promote).get("error").asText()).contains("no rollout in progress");
    assertThat(dance.statusCode()).isEqualTo(404);
    assertThat(json(dance).get("error").asText()).contains("promote, abort");
  }

  @Test
  void servesPrometheusMetricsOfTheAgentAndTheJvm() throws Exception {
    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(ct ->
        assertThat(ct).startsWith("text/plain").contains("version=0.0.4"));
    assertThat(r.body())
        .contains("mlops_windows_total{outcome=\"recorded\"}")
        .contains("mlops_models{slice=\"0\"} " + MODELS)
        .contains("mlops_agent_build_info{version=\"test\"} 1")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void theLearnerSaysWhatItKnowsAndWhyPlansFollowTheRulesWhileItKnowsTooLittle() throws Exception {
    HttpResponse<String> r = get("/api/learner");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode learner = json(r);
    assertThat(learner.get("enabled").asBoolean()).isTrue();
    assertThat(learner.get("library").asText()).contains("smile-core 3.1.1");
    // A demo fleet of seven models rolls out a handful of versions: too few outcomes to learn from.
    assertThat(learner.get("trainingSetSize").asInt()).isLessThan(10);
    assertThat(learner.get("trusted").asBoolean()).isFalse();
    assertThat(learner.get("version").asText()).isEqualTo("none");
    assertThat(learner.get("basis").asText()).contains("below the 10 needed");
    assertThat(learner.has("featureImportances")).isTrue();
    assertThat(learner.has("trainings")).isTrue();
  }

  @Test
  void aModelsPlanSaysWhatARolloutWouldGetNowAndWhy() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/models/churn-predictor-002/plan").statusCode() == 200);
    JsonNode view = json(get("/api/models/churn-predictor-002/plan"));

    assertThat(view.get("model").asText()).isEqualTo("churn-predictor-002");
    JsonNode plan = view.get("plan");
    assertThat(plan.get("learned").asBoolean()).isFalse();
    assertThat(plan.get("basis").asText()).startsWith("rules");
    assertThat(plan.get("strategy").asText()).isIn("CANARY", "BLUE_GREEN");
    assertThat(plan.get("cpuCores").asDouble()).isPositive();
    for (String part : List.of("strategyPart", "startPart", "resourcesPart")) {
      assertThat(plan.get(part).get("reason").asText()).as(part).startsWith("rule");
      assertThat(plan.get(part).get("confidence").asDouble()).as(part).isBetween(0.0, 1.0);
    }
    assertThat(view.get("features").get("sizeMb").asDouble()).isPositive();
  }

  @Test
  void aPlanForAnInvalidOrUnknownModelIsAJsonError() throws Exception {
    HttpResponse<String> invalid = get("/api/models/Not%20A%20Name/plan");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).get("error").asText()).contains("Not A Name");

    HttpResponse<String> unknown = get("/api/models/never-seen/plan");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("model 'never-seen' is not known: it has never been observed");
  }

  private static long minEventCount(JsonNode page) {
    long min = Long.MAX_VALUE;
    for (JsonNode item : page.get("items")) {
      min = Math.min(min, item.get("eventCount").asLong());
    }
    return min;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + daemon.httpPort() + path);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }
}
