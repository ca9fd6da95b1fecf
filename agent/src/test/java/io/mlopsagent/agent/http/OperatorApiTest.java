package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What operators and pipelines change, over real HTTP on loopback, against a running demo daemon. */
class OperatorApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int MODELS = 6;

  @TempDir static Path dir;
  private static Daemon daemon;
  private static Path policies;
  private static String deployed;
  private static String paused;
  private static String rolledBack;

  @BeforeAll
  static void startDaemon() throws IOException {
    policies = dir.resolve("policies.conf");
    Files.copy(Path.of("..", "conf", "policies.conf"), policies);
    AgentConfig config = TestDaemons.config(dir.resolve("data"), MODELS,
        Map.of("mlops.policies-file", policies.toString()));
    SimulatedFleet fleet = new SimulatedFleet(config.demo().seed(), MODELS);
    SimulatedWorld world = new SimulatedWorld(fleet, TestDaemons.START);
    ModelProfile p = fleet.profiles().get(0);
    deployed = p.name().value();
    paused = fleet.profiles().get(1).name().value();
    rolledBack = fleet.profiles().get(2).name().value();
    world.registry().register(new ModelVersion(p.name(), "v2-ci", p.baseAccuracy() + 0.02, Set.of()),
        VersionQuality.of(p), TestDaemons.START);
    daemon = TestDaemons.start(config, world);
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
  }

  @AfterAll
  static void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/models/%s/pause", "/api/models/%s/resume", "/api/models/%s/promote",
      "/api/models/%s/abort", "/api/models/%s/rollback", "/api/models/%s/rollout/promote", "/api/models/%s/deployments",
      "/api/fleet/pause", "/api/fleet/resume", "/api/policies/reload"})
  void everyMutationIsRefusedWithoutTheTokenOrWithAWrongOne(String template) throws Exception {
    String path = template.formatted(paused);
    HttpResponse<String> none = post(path, null, "{\"reason\": \"x\"}");
    HttpResponse<String> wrong = post(path, "not-the-token-0123456789", "{}");
    HttpResponse<String> notBearer = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization",
        "Basic " + TestDaemons.TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(json(none).get("error").asText()).contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(json(wrong).get("error").asText()).isEqualTo("the admin token is not valid");
    assertThat(notBearer.statusCode()).isEqualTo(401);
    // Nothing changed: the model is not paused, the fleet is not.
    assertThat(json(get("/api/models/" + paused)).get("paused").asBoolean()).isFalse();
    assertThat(json(get("/api/fleet")).get("paused").asBoolean()).isFalse();
  }

  @Test
  void aPausedModelShowsAsPausedUntilResumedAndTheAuditTrailSaysWhoAndWhy() throws Exception {
    HttpResponse<String> pause = post("/api/models/" + paused + "/pause", TestDaemons.TOKEN,
        "{\"reason\": \"investigating a customer report\"}", "alice@example.com");

    assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
    assertThat(json(pause).get("paused").asBoolean()).isTrue();
    JsonNode status = json(get("/api/models/" + paused));
    assertThat(status.get("state").asText()).isEqualTo("paused");
    assertThat(status.get("pausedBy").asText()).isEqualTo("alice@example.com");
    JsonNode list = json(get("/api/models?state=paused"));
    assertThat(list.get("total").asInt()).isEqualTo(1);
    assertThat(list.get("items").get(0).get("name").asText()).isEqualTo(paused);
    assertThat(json(get("/api/fleet")).get("byState").get("paused").asInt()).isEqualTo(1);

    HttpResponse<String> resume = post("/api/models/" + paused + "/resume", TestDaemons.TOKEN, "", "alice@example.com");
    assertThat(resume.statusCode()).isEqualTo(200);
    assertThat(json(get("/api/models/" + paused)).get("paused").asBoolean()).isFalse();

    JsonNode audit = json(get("/api/audit?limit=50"));
    assertThat(audit.get("items").findValuesAsText("action")).contains("pause", "resume");
    JsonNode pauseEntry = null;
    for (JsonNode item : audit.get("items")) {
      if (item.get("action").asText().equals("pause") && item.get("target").asText().equals(paused)) {
        pauseEntry = item;
      }
    }
    assertThat(pauseEntry).isNotNull();
    assertThat(pauseEntry.get("who").asText()).isEqualTo("alice@example.com");
    assertThat(pauseEntry.get("reason").asText()).isEqualTo("investigating a customer report");
  }

  @Test
  void theFleetKillSwitchPausesEveryModelAndRefusesDeployments() throws Exception {
    HttpResponse<String> pause = post("/api/fleet/pause", TestDaemons.TOKEN, "{\"reason\": \"incident 42\"}", "oncall");
    try {
      assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
      JsonNode fleet = json(get("/api/fleet"));
      assertThat(fleet.get("paused").asBoolean()).isTrue();
      assertThat(fleet.get("pausedBy").asText()).isEqualTo("oncall");
      assertThat(fleet.get("byState").get("paused").asInt()).isEqualTo(MODELS);

      HttpResponse<String> deploy = post("/api/models/" + rolledBack + "/deployments", TestDaemons.TOKEN,
          "{\"version\": \"v1\", \"environment\": \"production\"}");
      assertThat(deploy.statusCode()).isIn(409);
    } finally {
      assertThat(post("/api/fleet/resume", TestDaemons.TOKEN, "").statusCode()).isEqualTo(200);
    }
    assertThat(json(get("/api/fleet")).get("paused").asBoolean()).isFalse();
  }

  @Test
  void aPipelinesDeploymentIsPlannedRunAndEndsWithAVerdict() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/models/" + deployed)).path("workload")
        .path("stableVersion").asText().equals("v1"));

    HttpResponse<String> r = post("/api/models/" + deployed + "/deployments", TestDaemons.TOKEN,
        "{\"version\": \"v2-ci\", \"environment\": \"production\", \"strategy\": \"canary\", \"reason\": \"release 7\"}",
        "gitlab:pipeline-1234");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode started = json(r);
    String id = started.get("id").asText();
    assertThat(r.headers().firstValue("Location")).contains("/api/models/" + deployed + "/deployments/" + id);
    assertThat(started.get("version").asText()).isEqualTo("v2-ci");
    assertThat(started.get("strategy").asText()).isEqualTo("canary");
    assertThat(started.get("requestedBy").asText()).isEqualTo("gitlab:pipeline-1234");
    assertThat(started.get("plan").get("resourcesPart").get("reason").asText()).isNotBlank();

    JsonNode verdict = await().atMost(Duration.ofSeconds(60)).until(
        () -> json(get("/api/models/" + deployed + "/deployments/" + id)), d -> !d.path("verdict").isNull());
    assertThat(verdict.get("verdict").asText()).isIn("promoted", "aborted");
    assertThat(verdict.get("environment").asText()).isEqualTo("production");
    assertThat(verdict.get("endedAt").isNull()).isFalse();
    assertThat(json(get("/api/audit")).get("items").findValuesAsText("action")).contains("deploy");
  }

  @Test
  void badDeploymentRequestsAreRefusedNamingTheField() throws Exception {
    String path = "/api/models/" + rolledBack + "/deployments";
    HttpResponse<String> environment = post(path, TestDaemons.TOKEN, "{\"version\": \"v2\", \"environment\": \"mars\"}");
    HttpResponse<String> strategy = post(path, TestDaemons.TOKEN,
        "{\"version\": \"v2\", \"environment\": \"production\", \"strategy\": \"yolo\"}");
    HttpResponse<String> unknownVersion = post(path, TestDaemons.TOKEN,
        "{\"version\": \"v99\", \"environment\": \"production\"}");
    HttpResponse<String> notJson = post(path, TestDaemons.TOKEN, "version=v2");
    HttpResponse<String> extra = post(path, TestDaemons.TOKEN,
        "{\"version\": \"v2\", \"environment\": \"production\", \"force\": true}");
    HttpResponse<String> huge = post(path, TestDaemons.TOKEN, "{\"reason\": \"" + "x".repeat(70_000) + "\"}");

    assertThat(environment.statusCode()).isEqualTo(422);
    assertThat(json(environment).get("error").asText()).contains("'environment'").contains("mars").contains("production");
    assertThat(strategy.statusCode()).isEqualTo(422);
    assertThat(json(strategy).get("error").asText()).contains("'strategy'").contains("yolo").contains("blue-green");
    assertThat(unknownVersion.statusCode()).isEqualTo(422);
    assertThat(json(unknownVersion).get("error").asText()).contains("v99").contains("not in the model registry");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(extra.statusCode()).isEqualTo(422);
    assertThat(json(extra).get("error").asText()).contains("force");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(json(huge).get("status").asInt()).isEqualTo(413);
  }

  @Test
  void theOpenApiDocumentIsServedWithoutAToken() throws Exception {
    HttpResponse<String> r = get("/api/openapi.json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("openapi").asText()).startsWith("3.0");
    assertThat(json(r).get("paths").has("/api/models/{name}/deployments")).isTrue();
  }

  @Test
  void rollingBackWithoutAPromotionIsAConflictThatSaysWhy() throws Exception {
    HttpResponse<String> r = post("/api/models/" + rolledBack + "/rollback", TestDaemons.TOKEN, "{}");

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("error").asText()).contains(rolledBack);
  }

  @Test
  void aPolicyReloadWithProblemsIsRefusedNamingThePathAndKeepsThePoliciesInForce() throws Exception {
    String good = Files.readString(policies);
    try {
      Files.writeString(policies, good + "\npolicies.default.detection.thresholds.latency-factor = -3\n");
      HttpResponse<String> bad = post("/api/policies/reload", TestDaemons.TOKEN, "{\"reason\": \"tighter latency\"}");

      assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
      JsonNode problems = json(bad).get("problems");
      assertThat(problems).isNotEmpty();
      assertThat(problems.get(0).get("path").asText()).contains("latency-factor");
      assertThat(problems.get(0).get("value").asText()).contains("-3");
      assertThat(json(get("/api/models/" + paused + "/policy")).get("detection").get("thresholds")
          .get("latencyFactor").asDouble()).isPositive();
    } finally {
      Files.writeString(policies, good);
    }
    HttpResponse<String> ok = post("/api/policies/reload", TestDaemons.TOKEN, "");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).get("policies").asInt()).isPositive();
  }

  @Test
  void aModelsHistoryCarriesItsWindowsBaselineAndThresholds() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/api/models/" + paused + "/history?limit=20"))
        .get("windows").size() >= 5);
    JsonNode h = json(get("/api/models/" + paused + "/history?limit=20"));

    assertThat(h.get("baseline").get("accuracy").size()).isEqualTo(h.get("windows").size());
    assertThat(h.get("thresholds").get("cpuUtilization").get("above").asDouble()).isPositive();
    assertThat(get("/api/models/" + paused + "/history?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/models?state=sleepy").statusCode()).isEqualTo(400);
    assertThat(get("/api/models?degraded=maybe").statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> post(String path, String token, String body) throws Exception {
    return post(path, token, body, null);
  }

  private static HttpResponse<String> post(String path, String token, String body, String actor) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (actor != null) {
      b.header("X-Mlops-Actor", actor);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
