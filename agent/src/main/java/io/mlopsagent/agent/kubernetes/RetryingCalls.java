package io.mlopsagent.agent.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a whole read-decide-write attempt on the executor and runs it again when the cluster says
 * so: at once after a 409 Conflict (someone changed the object; the next attempt reads it
 * afresh), after a backoff for 429, 5xx and timeouts. Attempts are idempotent by shape, so a retry
 * after a partial success converges. Waiting is scheduled, never slept, so no thread is held.
 */
final class RetryingCalls {
  private final Executor executor;
  private final Backoff backoff;
  private final int maxRetries;

  RetryingCalls(Executor executor, Backoff backoff, int maxRetries) {
    this.executor = executor;
    this.backoff = backoff;
    this.maxRetries = maxRetries;
  }

  <T> CompletionStage<T> run(Supplier<T> attempt) {
    CompletableFuture<T> result = new CompletableFuture<>();
    submit(executor, attempt, 0, result);
    return result;
  }

  private <T> void submit(Executor on, Supplier<T> attempt, int retriesSoFar, CompletableFuture<T> result) {
    try {
      on.execute(() -> attempt(attempt, retriesSoFar, result));
    } catch (RuntimeException rejected) {
      result.completeExceptionally(rejected);
    }
  }

  private <T> void attempt(Supplier<T> attempt, int retriesSoFar, CompletableFuture<T> result) {
    try {
      result.complete(attempt.get());
    } catch (RuntimeException e) {
      Outcome outcome = classify(e);
      if (outcome == Outcome.FAIL || retriesSoFar >= maxRetries) {
        result.completeExceptionally(e);
        return;
      }
      int retry = retriesSoFar + 1;
      Duration delay = outcome == Outcome.RETRY_NOW ? Duration.ZERO : backoff.delayBefore(retry);
      Executor next = delay.isZero() || delay.isNegative()
          ? executor
          : CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor);
      submit(next, attempt, retry, result);
    } catch (Error e) {
      result.completeExceptionally(e); // the caller must not wait forever; the executor still sees it
      throw e;
    }
  }

  enum Outcome { RETRY_NOW, RETRY_LATER, FAIL }

  static Outcome classify(Throwable e) {
    if (e instanceof KubernetesClientException k) {
      int code = k.getCode();
      if (code == 409) {
        return Outcome.RETRY_NOW;
      }
      if (code == 429 || code >= 500) {
        return Outcome.RETRY_LATER;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      // SocketTimeoutException is an InterruptedIOException; vert.x and the client use TimeoutException.
      if (t instanceof InterruptedIOException || t instanceof TimeoutException) {
        return Outcome.RETRY_LATER;
      }
    }
    return Outcome.FAIL;
  }
}
