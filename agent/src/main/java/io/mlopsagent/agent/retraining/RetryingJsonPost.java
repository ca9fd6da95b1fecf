package io.mlopsagent.agent.retraining;

import io.mlopsagent.agent.http.client.HttpCallException;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import io.mlopsagent.agent.http.client.JsonResponse;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A POST repeated while the server answers 5xx or refuses the connection. A timeout is not
 * repeated: the server may have started the run, and a second request could start another.
 * Fails with a {@link RetrainingException} naming the URL, the attempts and the last problem.
 */
final class RetryingJsonPost {
  private final JsonHttpClient http;
  private final RetryBackoff backoff;

  RetryingJsonPost(JsonHttpClient http, RetryBackoff backoff) {
    this.http = http;
    this.backoff = backoff;
  }

  /** The first 2xx answer. */
  CompletableFuture<JsonResponse> post(URI uri, byte[] body, Map<String, String> headers) {
    return attempt(uri, body, headers, 1);
  }

  private CompletableFuture<JsonResponse> attempt(URI uri, byte[] body, Map<String, String> headers, int attempt) {
    return http.post(uri, body, headers).handle((response, error) -> {
      String problem;
      boolean retriable;
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        problem = cause instanceof HttpCallException ? cause.getMessage() : "POST " + uri + " failed: " + cause;
        retriable = cause.getCause() instanceof ConnectException;
      } else if (response.successful()) {
        return CompletableFuture.completedFuture(response);
      } else {
        problem = "POST " + uri + " answered " + response.describe();
        retriable = response.serverError();
      }
      if (!retriable || attempt >= backoff.maxAttempts()) {
        String tries = attempt == 1 ? "" : " (after " + attempt + " attempts)";
        return CompletableFuture.<JsonResponse>failedFuture(new RetrainingException(problem + tries));
      }
      Executor later = CompletableFuture.delayedExecutor(
          backoff.delayBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
      return CompletableFuture.supplyAsync(() -> null, later)
          .thenCompose(ignored -> attempt(uri, body, headers, attempt + 1));
    }).thenCompose(next -> next);
  }
}
