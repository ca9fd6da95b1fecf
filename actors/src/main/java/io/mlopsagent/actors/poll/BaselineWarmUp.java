package io.mlopsagent.actors.poll;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * Gives a model seen for the first time a past to compare with: before its first live window, the
 * source's history of it (the seed's 30 days) is handed to its entity, whose detectors learn from
 * it — daily pattern included — instead of starting blind. Only entities with no history of their
 * own take it, so a restart or a second poller warms nothing twice. Never holds observation up:
 * a source or entity that fails is logged and the poll goes on.
 */
final class BaselineWarmUp {
  private final MetricsSource source;
  private final Function<ModelName, RecipientRef<ModelAgent.Command>> entities;
  private final Duration history;
  private final Duration step;
  private final Duration timeout;
  private final ActorSystem<?> system;

  BaselineWarmUp(MetricsSource source, Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
      Duration history, Duration step, Duration timeout, ActorSystem<?> system) {
    this.source = source;
    this.entities = entities;
    this.history = history;
    this.step = step;
    this.timeout = timeout;
    this.system = system;
  }

  /** Warms up those of {@code candidates} that have no history yet; answers how many did. */
  CompletionStage<Integer> warmUp(Collection<ModelName> candidates, Instant before) {
    if (history.isZero() || candidates.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    List<CompletableFuture<ModelName>> unknown = candidates.stream()
        .map(m -> AskPattern.<ModelAgent.Command, ModelAgent.Status>ask(entities.apply(m), ModelAgent.GetStatus::new,
                timeout, system.scheduler())
            // On the dispatcher: a plain thenApply on an ask's stage costs a new thread per call
            // on a 1-2 CPU machine (see FleetPoller).
            .thenApplyAsync(s -> s.known() ? (ModelName) null : m, system.executionContext())
            .exceptionally(e -> null)
            .toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(unknown.toArray(CompletableFuture[]::new)).thenCompose(done -> {
      List<ModelName> empty = new ArrayList<>();
      unknown.forEach(f -> {
        if (f.join() != null) {
          empty.add(f.join());
        }
      });
      if (empty.isEmpty()) {
        return CompletableFuture.completedFuture(0);
      }
      return source.history(empty, before.minus(history), before, step)
          .thenCompose(this::handOver)
          .exceptionally(e -> {
            system.log().warn("no history to warm up {} new model(s): {}", empty.size(), e.getMessage());
            return 0;
          });
    });
  }

  private CompletionStage<Integer> handOver(Map<ModelName, List<MetricWindow>> pasts) {
    List<CompletableFuture<Integer>> learned = pasts.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> AskPattern.<ModelAgent.Command, StatusReply<Integer>>ask(entities.apply(e.getKey()),
                replyTo -> new ModelAgent.WarmUp(e.getValue(), replyTo), timeout, system.scheduler())
            .thenApplyAsync(r -> r.isSuccess() && r.getValue() > 0 ? 1 : 0, system.executionContext())
            .exceptionally(err -> 0)
            .toCompletableFuture())
        .toList();
    return CompletableFuture.allOf(learned.toArray(CompletableFuture[]::new))
        .thenApply(done -> learned.stream().mapToInt(CompletableFuture::join).sum());
  }
}
