package io.mlopsagent.agent.bench.failover;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waiting on other processes (node JVMs, a database), which send no event to wait on: a
 * scheduler asks {@code done} at a fixed delay until it holds or the time is up.
 */
public final class Polling {
  private Polling() {}

  /** @return whether {@code done} held within {@code within} */
  public static boolean until(BooleanSupplier done, Duration every, Duration within) throws InterruptedException {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-polling");
      t.setDaemon(true);
      return t;
    });
    CompletableFuture<Void> reached = new CompletableFuture<>();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        if (done.getAsBoolean()) {
          reached.complete(null);
        }
      } catch (RuntimeException e) {
        reached.completeExceptionally(e);
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    try {
      reached.get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      scheduler.shutdownNow();
    }
  }
}
