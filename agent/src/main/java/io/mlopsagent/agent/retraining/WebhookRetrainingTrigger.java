package io.mlopsagent.agent.retraining;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import java.net.URI;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Asks for retraining by POSTing {@code {model, reason, actionId, requestedAt}} to a webhook (a CI
 * job, an Argo Events sensor, an in-house service). The body is signed with HMAC-SHA256 so the
 * receiver can refuse forged requests, and the action id travels as {@code Idempotency-Key} so a
 * receiver that honours it starts one run however often the agent asks.
 */
public final class WebhookRetrainingTrigger implements RetrainingTrigger {
  public static final String SIGNATURE_HEADER = "X-MLOps-Signature";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final String HMAC = "HmacSHA256";

  private final URI url;
  private final SecretKeySpec key;
  private final JsonHttpClient http;
  private final RetryingJsonPost post;
  private final Clock clock;
  private final RunsByAction runs = new RunsByAction();

  public WebhookRetrainingTrigger(URI url, byte[] secret, JsonHttpClient http, RetryBackoff backoff, Clock clock) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the webhook secret must not be empty");
    }
    this.url = url;
    this.key = new SecretKeySpec(secret.clone(), HMAC);
    this.http = http;
    this.post = new RetryingJsonPost(http, backoff);
    this.clock = clock;
  }

  @Override
  public CompletionStage<String> requestRetraining(ActionId action, ModelName model, String reason) {
    return runs.once(action, () -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("model", model.value());
      body.put("reason", reason);
      body.put("actionId", action.value());
      body.put("requestedAt", clock.instant().toString());
      byte[] bytes = http.bytes(body);
      Map<String, String> headers = Map.of(
          SIGNATURE_HEADER, "sha256=" + sign(bytes),
          IDEMPOTENCY_HEADER, action.value());
      return post.post(url, bytes, headers).thenApply(response -> {
        String runId = response.body().path("runId").asText("");
        // A receiver that only acknowledges has no run id of its own: the action id identifies the run.
        return runId.isBlank() ? action.value() : runId;
      });
    });
  }

  /** Lower-case hex HMAC-SHA256 of exactly the bytes sent. */
  String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA256; this cannot happen on a conforming JDK.
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
