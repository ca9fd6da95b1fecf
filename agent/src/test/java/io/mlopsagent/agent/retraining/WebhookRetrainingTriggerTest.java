package io.mlopsagent.agent.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import io.mlopsagent.agent.http.client.LocalJsonServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookRetrainingTriggerTest {
  private static final byte[] SECRET = "hook-secret".getBytes(StandardCharsets.UTF_8);
  private static final ModelName FRAUD = ModelName.of("fraud");
  private static final ActionId ACTION = ActionId.of(FRAUD, 17);

  private final ObjectMapper json = new ObjectMapper();
  private LocalJsonServer hook;

  @BeforeEach
  void startServer() throws Exception {
    hook = LocalJsonServer.start();
  }

  @AfterEach
  void stopServer() {
    hook.close();
  }

  private WebhookRetrainingTrigger trigger(int attempts) {
    return new WebhookRetrainingTrigger(URI.create(hook.base() + "/retrain"), SECRET,
        JsonHttpClient.create(Duration.ofSeconds(5)), RetryBackoff.immediate(attempts),
        Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
  }

  private static String request(WebhookRetrainingTrigger trigger, ActionId action) {
    return trigger.requestRetraining(action, FRAUD, "accuracy degraded")
        .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void postsTheRequestSignedWithTheSharedSecret() throws Exception {
    hook.on("POST", "/retrain", 202, "{\"runId\":\"run-81\"}");

    String runId = request(trigger(1), ACTION);

    assertThat(runId).isEqualTo("run-81");
    LocalJsonServer.Request received = hook.requests().get(0);
    assertThat(received.header("X-MLOps-Signature")).isEqualTo("sha256=" + hmac(received.body()));
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = json.readTree(received.body());
    assertThat(body.path("model").asText()).isEqualTo("fraud");
    assertThat(body.path("reason").asText()).isEqualTo("accuracy degraded");
    assertThat(body.path("actionId").asText()).isEqualTo("fraud#17");
    assertThat(body.path("requestedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void sendsTheActionIdAsIdempotencyKey() {
    hook.on("POST", "/retrain", 200, "{}");

    request(trigger(1), ACTION);

    assertThat(hook.requests().get(0).header("Idempotency-Key")).isEqualTo("fraud#17");
  }

  @Test
  void answersTheActionIdWhenTheReceiverGivesNoRunId() {
    hook.on("POST", "/retrain", 204, "");

    assertThat(request(trigger(1), ACTION)).isEqualTo("fraud#17");
  }

  @Test
  void askingTwiceForTheSameActionPostsOnce() {
    hook.on("POST", "/retrain", 200, "{\"runId\":\"run-1\"}");
    WebhookRetrainingTrigger trigger = trigger(1);

    assertThat(request(trigger, ACTION)).isEqualTo("run-1");
    assertThat(request(trigger, ACTION)).isEqualTo("run-1");
    assertThat(request(trigger, ActionId.of(FRAUD, 18))).isEqualTo("run-1");

    assertThat(hook.requests()).extracting(r -> r.header("Idempotency-Key")).containsExactly("fraud#17", "fraud#18");
  }

  @Test
  void retriesAServerErrorAndSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    hook.on("POST", "/retrain", r -> calls.incrementAndGet() < 3
        ? new LocalJsonServer.Reply(503, "{\"message\":\"busy\"}")
        : LocalJsonServer.Reply.ok("{\"runId\":\"run-3\"}"));

    assertThat(request(trigger(3), ACTION)).isEqualTo("run-3");
    assertThat(hook.requests()).hasSize(3).extracting(r -> r.header("Idempotency-Key")).containsOnly("fraud#17");
  }

  @Test
  void failsNamingTheUrlWhenServerErrorsOutlastTheAttempts() {
    hook.on("POST", "/retrain", 502, "{\"message\":\"bad gateway\"}");

    assertThatThrownBy(() -> request(trigger(2), ACTION))
        .hasRootCauseInstanceOf(RetrainingException.class)
        .hasMessageContaining("POST " + hook.base() + "/retrain answered HTTP 502: bad gateway (after 2 attempts)");
    assertThat(hook.requests()).hasSize(2);
  }

  @Test
  void doesNotRetryARefusal() {
    hook.on("POST", "/retrain", 401, "{\"message\":\"bad signature\"}");

    assertThatThrownBy(() -> request(trigger(3), ACTION))
        .hasMessageContaining("answered HTTP 401: bad signature");
    assertThat(hook.requests()).hasSize(1);
  }

  @Test
  void aFailedRequestIsAskedAgainNextTime() {
    hook.on("POST", "/retrain", 400, "{}");
    WebhookRetrainingTrigger trigger = trigger(1);
    assertThatThrownBy(() -> request(trigger, ACTION)).hasMessageContaining("HTTP 400");

    hook.on("POST", "/retrain", 200, "{\"runId\":\"run-2\"}");

    assertThat(request(trigger, ACTION)).isEqualTo("run-2");
  }
}
