package io.mlopsagent.agent.retraining;

import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.agent.config.ConfigFiles;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Builds the retraining trigger {@code mlops.retraining} asks for. */
public final class RetrainingTriggers {
  private RetrainingTriggers() {}

  /** The configured trigger, or empty for {@code kind = none}. */
  public static Optional<RetrainingTrigger> fromSettings(RetrainingSettings settings) {
    return fromSettings(settings, JsonHttpClient.create(settings.requestTimeout()),
        RetryBackoff.standard(settings.maxAttempts()), Clock.systemUTC());
  }

  /**
   * The configured trigger over the given client and backoff (tests pass an immediate backoff).
   *
   * @throws io.mlopsagent.agent.config.ConfigProblem when the webhook secret file cannot be read or is empty
   */
  public static Optional<RetrainingTrigger> fromSettings(RetrainingSettings settings, JsonHttpClient http,
      RetryBackoff backoff, Clock clock) {
    return switch (settings.kind()) {
      case NONE -> Optional.empty();
      case WEBHOOK -> Optional.of(new WebhookRetrainingTrigger(settings.url().orElseThrow(),
          secret(settings.secretFile().orElseThrow()), http, backoff, clock));
      case KUBEFLOW -> Optional.of(new KubeflowRetrainingTrigger(settings.url().orElseThrow(), settings.pipelineId(),
          settings.pipelineVersionId(), settings.parameters(), http, backoff));
    };
  }

  private static byte[] secret(Path file) {
    String secret;
    try {
      secret = ConfigFiles.readSmall(file);
    } catch (IOException e) {
      throw RetrainingSettings.problem("secret-file", file.toString(), "a readable file (" + e.getMessage() + ")");
    }
    if (secret.isEmpty()) {
      throw RetrainingSettings.problem("secret-file", file.toString(), "a file holding a non-empty secret");
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
