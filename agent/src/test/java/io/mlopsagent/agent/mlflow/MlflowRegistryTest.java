package io.mlopsagent.agent.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import io.mlopsagent.agent.http.client.LocalJsonServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowRegistryTest {
  private static final String API = "/api/2.0/mlflow/";
  private static final String ALIAS = API + "registered-models/alias";
  private static final String LATEST = API + "registered-models/get-latest-versions";
  private static final String VERSION = API + "model-versions/get";
  private static final String SET_TAG = API + "model-versions/set-tag";
  private static final String RUN = API + "runs/get";
  private static final String NOT_FOUND =
      "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Registered Model with name=x not found\"}";
  private static final String ACCURATE = "[{\"key\":\"validation_accuracy\",\"value\":\"0.9\"}]";
  private static final ModelName FRAUD = ModelName.of("fraud");

  private final ObjectMapper json = new ObjectMapper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private LocalJsonServer mlflow;

  @BeforeEach
  void startServer() throws Exception {
    mlflow = LocalJsonServer.start();
  }

  @AfterEach
  void stopServer() {
    mlflow.close();
  }

  private MlflowRegistry registry(Duration timeout) {
    MlflowSettings s = settings(Map.of("request-timeout", timeout.toMillis() + "ms"));
    return new MlflowRegistry(s, new JsonHttpClient(HttpClient.newHttpClient(), json, timeout), clock);
  }

  private MlflowRegistry registry() {
    return registry(Duration.ofSeconds(5));
  }

  private MlflowSettings settings(Map<String, String> more) {
    Map<String, String> keys = new HashMap<>(more);
    keys.put("url", mlflow.base().toString());
    return MlflowSettings.fromConfig(ConfigFactory.parseMap(keys));
  }

  private static String version(String v, String stage, String tags) {
    return "{\"name\":\"fraud\",\"version\":\"" + v + "\",\"current_stage\":\"" + stage
        + "\",\"run_id\":\"run-" + v + "\",\"status\":\"READY\"" + (tags == null ? "" : ",\"tags\":" + tags) + "}";
  }

  private void aliases(String champion, String challenger) {
    mlflow.on("GET", ALIAS, r -> {
      String answer = r.query().get("alias").equals("champion") ? champion : challenger;
      return answer == null ? new LocalJsonServer.Reply(404, NOT_FOUND)
          : LocalJsonServer.Reply.ok("{\"model_version\":" + answer + "}");
    });
  }

  private static List<ModelVersion> await(CompletionStage<List<ModelVersion>> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void listsChampionAndChallengerByAliasNewestFirstWithAccuracyAndTags() {
    aliases(version("2", "None", "[{\"key\":\"validation_accuracy\",\"value\":\"0.91\"}]"),
        version("3", "None", "[{\"key\":\"validation_accuracy\",\"value\":\"0.93\"},"
            + "{\"key\":\"optimized\",\"value\":\"true\"},{\"key\":\"model_size_mb\",\"value\":\"12.5\"},"
            + "{\"key\":\"complexity_score\",\"value\":\"0.4\"},{\"key\":\"mlflow.source\",\"value\":\"x\"}]"));

    List<ModelVersion> versions = await(registry().versions(FRAUD));

    assertThat(versions).extracting(ModelVersion::version).containsExactly("3", "2");
    assertThat(versions.get(0).validationAccuracy()).isEqualTo(0.93);
    assertThat(versions.get(0).tags()).containsExactlyInAnyOrder("optimized", "model_size_mb=12.5", "complexity_score=0.4");
    assertThat(versions.get(1).validationAccuracy()).isEqualTo(0.91);
    assertThat(versions.get(1).tags()).isEmpty();
    assertThat(mlflow.requests("GET", ALIAS)).extracting(r -> r.query().get("name")).containsOnly("fraud");
  }

  @Test
  void fallsBackToProductionAndStagingStagesWhenTheAliasesDoNotExist() throws Exception {
    aliases(null, null);
    mlflow.on("POST", LATEST, 200, "{\"model_versions\":[" + version("5", "Production", null) + ","
        + version("7", "Staging", null) + "]}");
    mlflow.on("GET", VERSION, r -> LocalJsonServer.Reply.ok("{\"model_version\":" + version(r.query().get("version"),
        "x", "[{\"key\":\"validation_accuracy\",\"value\":\"0.8" + r.query().get("version") + "\"}]") + "}"));

    List<ModelVersion> versions = await(registry().versions(FRAUD));

    assertThat(versions).extracting(ModelVersion::version).containsExactly("7", "5");
    assertThat(versions).extracting(ModelVersion::validationAccuracy).containsExactly(0.87, 0.85);
    String body = mlflow.requests("POST", LATEST).get(0).body();
    assertThat(json.readTree(body).path("name").asText()).isEqualTo("fraud");
    assertThat(json.readTree(body).path("stages").toString()).isEqualTo("[\"Production\",\"Staging\"]");
  }

  @Test
  void aModelMlflowDoesNotKnowHasNoVersions() {
    aliases(null, null);
    mlflow.on("POST", LATEST, 404, NOT_FOUND);

    assertThat(await(registry().versions(FRAUD))).isEmpty();
  }

  @Test
  void readsTheAccuracyFromTheRunMetricWhenTheVersionHasNoAccuracyTag() {
    aliases(version("4", "None", "[]"), null);
    mlflow.on("POST", LATEST, 200, "{}");
    mlflow.on("GET", RUN, 200, "{\"run\":{\"info\":{\"run_id\":\"run-4\"},\"data\":{\"metrics\":["
        + "{\"key\":\"loss\",\"value\":0.2},{\"key\":\"validation_accuracy\",\"value\":0.88}]}}}");

    List<ModelVersion> versions = await(registry().versions(FRAUD));

    assertThat(versions).singleElement().satisfies(v -> assertThat(v.validationAccuracy()).isEqualTo(0.88));
    assertThat(mlflow.requests("GET", RUN).get(0).query()).containsEntry("run_id", "run-4");
  }

  @Test
  void usesTheConfiguredPrefixAliasesAndAccuracyKey() {
    mlflow.on("GET", ALIAS, r -> r.query().get("alias").equals("prod")
        ? LocalJsonServer.Reply.ok("{\"model_version\":" + version("1", "None",
            "[{\"key\":\"auc\",\"value\":\"0.7\"}]") + "}")
        : new LocalJsonServer.Reply(404, NOT_FOUND));
    mlflow.on("POST", LATEST, 200, "{}");
    MlflowSettings s = settings(Map.of("model-prefix", "team-a.", "champion-alias", "prod",
        "challenger-alias", "next", "accuracy-key", "auc"));
    MlflowRegistry registry = new MlflowRegistry(s, JsonHttpClient.create(Duration.ofSeconds(5)), clock);

    List<ModelVersion> versions = await(registry.versions(FRAUD));

    assertThat(versions).singleElement().satisfies(v -> assertThat(v.validationAccuracy()).isEqualTo(0.7));
    assertThat(mlflow.requests("GET", ALIAS)).extracting(r -> r.query().get("name")).containsOnly("team-a.fraud");
    assertThat(mlflow.requests("GET", ALIAS)).extracting(r -> r.query().get("alias"))
        .containsExactlyInAnyOrder("prod", "next");
  }

  @Test
  void reusesAnAnswerUntilTheCacheExpires() {
    aliases(version("2", "None", ACCURATE), version("3", "None", ACCURATE));
    MlflowRegistry registry = registry();

    await(registry.versions(FRAUD));
    clock.advance(Duration.ofSeconds(59));
    await(registry.versions(FRAUD));
    assertThat(mlflow.requests("GET", ALIAS)).hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    await(registry.versions(FRAUD));
    assertThat(mlflow.requests("GET", ALIAS)).hasSize(4);
  }

  @Test
  void answersTheLastKnownVersionsWhileMlflowFails() {
    aliases(version("2", "None", "[{\"key\":\"validation_accuracy\",\"value\":\"0.9\"}]"), null);
    mlflow.on("POST", LATEST, 200, "{}");
    MlflowRegistry registry = registry();
    List<ModelVersion> before = await(registry.versions(FRAUD));

    clock.advance(Duration.ofMinutes(5));
    mlflow.on("GET", ALIAS, 503, "<html>Service Unavailable</html>");

    assertThat(await(registry.versions(FRAUD))).isEqualTo(before);
    assertThat(mlflow.requests("GET", ALIAS)).hasSize(4);
  }

  @Test
  void failsNamingTheUrlAndTheModelWhenMlflowFailsBeforeAnyAnswer() {
    mlflow.on("GET", ALIAS, 500, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"database is locked\"}");

    assertThatThrownBy(() -> await(registry().versions(FRAUD)))
        .hasMessageContaining(mlflow.base().toString())
        .hasMessageContaining("model 'fraud'")
        .hasMessageContaining("HTTP 500 INTERNAL_ERROR: database is locked");
  }

  @Test
  void aSlowAnswerTimesOutAndFallsBackToTheLastKnownVersions() throws Exception {
    aliases(version("2", "None", ACCURATE), null);
    mlflow.on("POST", LATEST, 200, "{}");
    MlflowRegistry registry = registry(Duration.ofMillis(300));
    List<ModelVersion> before = await(registry.versions(FRAUD));
    CountDownLatch release = new CountDownLatch(1);
    mlflow.on("GET", ALIAS, r -> {
      release.await(10, TimeUnit.SECONDS);
      return new LocalJsonServer.Reply(503, "");
    });
    clock.advance(Duration.ofMinutes(1));
    try {
      assertThat(await(registry.versions(FRAUD))).isEqualTo(before);
      assertThatThrownBy(() -> await(registry.versions(ModelName.of("churn"))))
          .hasMessageContaining("no answer within 300 ms")
          .hasMessageContaining("model 'churn'");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRefusedConnectionFailsNamingTheUrl() {
    MlflowRegistry registry = registry();
    String url = mlflow.base().toString();
    mlflow.close();

    assertThatThrownBy(() -> await(registry.versions(FRAUD)))
        .hasMessageContaining("MLflow at " + url)
        .hasMessageContaining("GET " + url + API + "registered-models/alias");
  }

  @Test
  void promotionMovesTheChampionAliasAndTagsTheVersionWithTheAction() throws Exception {
    mlflow.on("POST", ALIAS, 200, "{}");
    mlflow.on("POST", SET_TAG, 200, "{}");
    MlflowRegistry registry = registry();
    ActionId action = ActionId.of(FRAUD, 42);

    registry.recordPromotion(action, FRAUD, "7").toCompletableFuture().get(10, TimeUnit.SECONDS);
    registry.recordPromotion(action, FRAUD, "7").toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(mlflow.requests("POST", ALIAS)).hasSize(2).allSatisfy(r -> assertThat(json.readTree(r.body()))
        .isEqualTo(json.readTree("{\"name\":\"fraud\",\"alias\":\"champion\",\"version\":\"7\"}")));
    assertThat(mlflow.requests("POST", SET_TAG)).hasSize(2).allSatisfy(r -> assertThat(json.readTree(r.body()))
        .isEqualTo(json.readTree("{\"name\":\"fraud\",\"version\":\"7\",\"key\":\"mlops.ai/promoted-by\","
            + "\"value\":\"fraud#42\"}")));
  }

  @Test
  void aPromotionMakesTheNextListingAskMlflowAgain() throws Exception {
    aliases(version("2", "None", ACCURATE), version("3", "None", ACCURATE));
    mlflow.on("POST", ALIAS, 200, "{}");
    mlflow.on("POST", SET_TAG, 200, "{}");
    MlflowRegistry registry = registry();
    await(registry.versions(FRAUD));

    registry.recordPromotion(new ActionId("fraud#9"), FRAUD, "3")
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    await(registry.versions(FRAUD));

    assertThat(mlflow.requests("GET", ALIAS)).hasSize(4);
  }

  @Test
  void aFailedPromotionNamesTheUrlTheModelAndTheVersion() {
    mlflow.on("POST", ALIAS, 404, NOT_FOUND);

    assertThatThrownBy(() -> registry().recordPromotion(new ActionId("fraud#9"), FRAUD, "3")
        .toCompletableFuture().get(10, TimeUnit.SECONDS))
        .hasMessageContaining(mlflow.base().toString())
        .hasMessageContaining("version 3 of model 'fraud'");
  }

  @Test
  void sendsTheBearerTokenReadFromTheTokenFile(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
    aliases(null, null);
    mlflow.on("POST", LATEST, 404, NOT_FOUND);
    MlflowSettings s = settings(Map.of("token-file", token.toString()));
    MlflowRegistry registry = new MlflowRegistry(s, JsonHttpClient.create(Duration.ofSeconds(5)), clock);

    await(registry.versions(FRAUD));

    assertThat(mlflow.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization"))
        .isEqualTo("Bearer s3cret"));
  }
}
