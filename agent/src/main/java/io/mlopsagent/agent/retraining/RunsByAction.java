package io.mlopsagent.agent.retraining;

import io.mlopsagent.actors.ports.ActionId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One run per action id within this process: a repeat of a request in flight or done gets the
 * same run id without asking the training system again. A failed request is forgotten, so the
 * agent's retry is a real retry. (Across restarts the webhook's Idempotency-Key covers it.)
 */
final class RunsByAction {
  private final Map<ActionId, CompletableFuture<String>> runs = new ConcurrentHashMap<>();

  CompletableFuture<String> once(ActionId action, Supplier<CompletableFuture<String>> start) {
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> earlier = runs.putIfAbsent(action, mine);
    if (earlier != null) {
      return earlier.copy();
    }
    CompletableFuture<String> started;
    try {
      started = start.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    started.whenComplete((runId, error) -> {
      if (error != null) {
        runs.remove(action, mine);
        mine.completeExceptionally(error);
      } else {
        mine.complete(runId);
      }
    });
    return mine.copy();
  }
}
