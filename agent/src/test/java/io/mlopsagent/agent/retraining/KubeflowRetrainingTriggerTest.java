package io.mlopsagent.agent.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import io.mlopsagent.agent.http.client.LocalJsonServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubeflowRetrainingTriggerTest {
  private static final String RUNS = "/apis/v2beta1/runs";
  private static final ModelName FRAUD = ModelName.of("fraud");
  private static final ActionId ACTION = ActionId.of(FRAUD, 5);

  private final ObjectMapper json = new ObjectMapper();
  private LocalJsonServer kfp;

  @BeforeEach
  void startServer() throws Exception {
    kfp = LocalJsonServer.start();
  }

  @AfterEach
  void stopServer() {
    kfp.close();
  }

  private KubeflowRetrainingTrigger trigger(int attempts) {
    return new KubeflowRetrainingTrigger(kfp.base(), "pipe-1", "pipe-1-v3", Map.of("epochs", "20", "dataset", "latest"),
        JsonHttpClient.create(Duration.ofSeconds(5)), RetryBackoff.immediate(attempts));
  }

  private static String request(KubeflowRetrainingTrigger trigger) {
    return trigger.requestRetraining(ACTION, FRAUD, "accuracy degraded")
        .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void createsARunOfThePipelineVersionWithModelReasonAndConfiguredParameters() throws Exception {
    kfp.on("POST", RUNS, 200, "{\"run_id\":\"0b6f1c\",\"display_name\":\"retrain fraud\",\"state\":\"PENDING\"}");

    assertThat(request(trigger(1))).isEqualTo("0b6f1c");

    assertThat(json.readTree(kfp.requests("POST", RUNS).get(0).body())).isEqualTo(json.readTree("""
        {"display_name": "retrain fraud",
         "description": "requested by mlops-agent, action fraud#5: accuracy degraded",
         "pipeline_version_reference": {"pipeline_id": "pipe-1", "pipeline_version_id": "pipe-1-v3"},
         "runtime_config": {"parameters": {"dataset": "latest", "epochs": "20", "model": "fraud",
                                           "reason": "accuracy degraded"}}}
        """));
  }

  @Test
  void askingTwiceForTheSameActionCreatesOneRun() {
    kfp.on("POST", RUNS, 200, "{\"run_id\":\"r1\"}");
    KubeflowRetrainingTrigger trigger = trigger(1);

    request(trigger);
    assertThat(request(trigger)).isEqualTo("r1");

    assertThat(kfp.requests()).hasSize(1);
  }

  @Test
  void retriesAServerErrorAndSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    kfp.on("POST", RUNS, r -> calls.incrementAndGet() == 1
        ? new LocalJsonServer.Reply(500, "{\"error\":\"etcd timeout\"}")
        : LocalJsonServer.Reply.ok("{\"run_id\":\"r2\"}"));

    assertThat(request(trigger(3))).isEqualTo("r2");
    assertThat(kfp.requests()).hasSize(2);
  }

  @Test
  void failsNamingTheUrlWhenTheAnswerHasNoRunId() {
    kfp.on("POST", RUNS, 200, "{}");

    assertThatThrownBy(() -> request(trigger(1)))
        .hasMessageContaining("POST " + kfp.base() + RUNS + " answered HTTP 200 without a run_id");
  }

  @Test
  void failsNamingTheUrlWhenTheServerCannotBeReached() {
    KubeflowRetrainingTrigger trigger = trigger(2);
    kfp.close();

    assertThatThrownBy(() -> request(trigger))
        .hasRootCauseInstanceOf(RetrainingException.class)
        .hasMessageContaining("POST " + kfp.base() + RUNS + " failed")
        .hasMessageContaining("(after 2 attempts)");
  }
}
