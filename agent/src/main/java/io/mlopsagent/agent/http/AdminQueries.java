package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.control.OperatorSwitches;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.persistence.TaggedEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the admin API and the dashboard read, as answers rather than routes: the fleet, pages of
 * models, a model's status, windows and decisions.
 */
final class AdminQueries {
  private static final String PREFIX = ModelAgent.ENTITY_KEY.name() + "|";

  private final AdminContext ctx;
  final DecisionJournal decisions;

  AdminQueries(AdminContext ctx) {
    this.ctx = ctx;
    this.decisions = new DecisionJournal(ctx.journal());
  }

  CompletionStage<OperatorViews.FleetView> fleetView() {
    return allStatuses().thenApply(all -> OperatorViews.FleetView.of(ctx.switches().current(), all));
  }

  /** Every model's status; a fleet of thousands is asked in one go, each entity answering for itself. */
  CompletionStage<List<ModelAgent.Status>> allStatuses() {
    return fleetNow().thenComposeAsync(fleet -> statuses(fleet.models()), ctx.system().executionContext());
  }

  private CompletionStage<List<ModelAgent.Status>> statuses(List<ModelName> models) {
    List<CompletableFuture<ModelAgent.Status>> asks = models.stream().map(m -> status(m).toCompletableFuture()).toList();
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
  }

  /**
   * One page of models. Unfiltered, only the page's models are asked; filtered, every model is
   * (the filter needs each one's state).
   */
  CompletionStage<JsonViews.ModelPage> page(boolean filtered, Predicate<JsonViews.ModelItem> filter,
      int offset, int limit) {
    OperatorSwitches switches = ctx.switches().current();
    return fleetNow().thenComposeAsync(fleet -> {
      List<ModelName> all = fleet.models();
      List<ModelName> asked = filtered ? all : slice(all, offset, limit);
      return statuses(asked).thenApply(statuses -> {
        List<JsonViews.ModelItem> items = statuses.stream()
            .map(s -> JsonViews.ModelItem.of(s, switches.pauseOf(ModelName.of(s.name()))))
            .filter(filter).toList();
        return filtered ? new JsonViews.ModelPage(items.size(), offset, limit, slice(items, offset, limit))
            : new JsonViews.ModelPage(all.size(), offset, limit, items);
      });
    }, ctx.system().executionContext());
  }

  /** The model's newest {@code limit} windows, oldest first, from its journal. */
  CompletionStage<List<MetricWindow>> windows(ModelName name, int limit) {
    // Decisions and other events sit between windows: read a few times as many events.
    return ctx.journal().newestOf(PREFIX + name.value(), Math.min(limit * 3, 10_000)).thenApply(events -> {
      List<MetricWindow> windows = new ArrayList<>();
      for (TaggedEvents.StoredEvent e : events) {
        if (e.event() instanceof ModelAgent.WindowObserved w && windows.size() < limit) {
          windows.add(w.windows().overall());
        }
      }
      windows.sort(Comparator.comparing(MetricWindow::at));
      return windows;
    });
  }

  /** The model's decisions, newest first. */
  CompletionStage<List<Decisions.Decision>> modelDecisions(ModelName name) {
    return ctx.journal().newestFirst(Decisions.TAG).thenApply(events -> events.stream()
        .filter(e -> e.persistenceId().equals(PREFIX + name.value()) && e.event() instanceof Decisions.Decision)
        .map(e -> (Decisions.Decision) e.event()).toList());
  }

  static <T> List<T> slice(List<T> all, int offset, int limit) {
    return all.subList(Math.min(offset, all.size()), (int) Math.min(all.size(), (long) offset + limit));
  }

  CompletionStage<FleetPoller.Fleet> fleetNow() {
    return ctx.fleet().get();
  }

  CompletionStage<ModelAgent.Status> status(ModelName model) {
    return AskPattern.ask(ctx.entities().apply(model), ModelAgent.GetStatus::new, ctx.http().askTimeout(),
        ctx.system().scheduler());
  }
}
