package io.mlopsagent.agent.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.dispatch.ExecutionContexts;

/**
 * How a benchmark waits: always for something (a future, or a moment on the actor system's
 * scheduler), never longer than a bound, so a stuck run fails with a reason instead of hanging.
 */
final class BoundedWait {
  private BoundedWait() {}

  /** The stage's value, once it completes within {@code timeout}. */
  static <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  /**
   * Completes {@code delay} from now, on the scheduler's own thread: a system whose dispatcher is
   * saturated (the very thing a benchmark may cause) still ends its run on time.
   */
  static CompletableFuture<Void> after(ActorSystem<?> system, Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    system.scheduler().scheduleOnce(delay, () -> done.complete(null), ExecutionContexts.fromExecutor(Runnable::run));
    return done;
  }
}
