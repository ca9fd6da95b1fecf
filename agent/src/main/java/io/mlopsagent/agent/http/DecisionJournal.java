package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.TaggedEvents;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The decision journal as the admin API shows it: every decision event of the fleet (they carry
 * the {@value Decisions#TAG} tag), newest first, optionally for one model and one type.
 */
final class DecisionJournal {
  static final Set<String> TYPES = Set.of("degradation_detected", "rollout_started", "canary_step_passed",
      "rollout_promoted", "rollout_aborted", "rolled_back", "scaled_out", "scaled_in", "retraining_requested",
      "paused_inconclusive", "rollout_scheduled");
  private static final String PREFIX = ModelAgent.ENTITY_KEY.name() + "|";

  private final TaggedEvents journal;

  DecisionJournal(TaggedEvents journal) {
    this.journal = journal;
  }

  /**
   * @param model only this model's decisions, or all when {@code null}
   * @param type only this type, or all when {@code null}
   */
  CompletionStage<JsonViews.DecisionPage> page(ModelName model, String type, int offset, int limit) {
    // Decisions are rare next to windows (a handful per model per day), so reading them all is
    // fine at this scale; a projection with an index takes over when it is not.
    return journal.newestFirst(Decisions.TAG).thenApply(events -> {
      List<JsonViews.DecisionItem> matching = events.stream()
          .filter(e -> e.event() instanceof Decisions.Decision && e.persistenceId().startsWith(PREFIX))
          .filter(e -> model == null || e.persistenceId().equals(PREFIX + model.value()))
          .map(e -> JsonViews.DecisionItem.of(e.persistenceId().substring(PREFIX.length()),
              (Decisions.Decision) e.event()))
          .filter(d -> type == null || d.type().equals(type))
          // Journal order is newest first already; observation time breaks ties across models.
          .sorted(Comparator.comparing(JsonViews.DecisionItem::at).reversed())
          .toList();
      List<JsonViews.DecisionItem> page =
          matching.subList(Math.min(offset, matching.size()), (int) Math.min(matching.size(), (long) offset + limit));
      return new JsonViews.DecisionPage(matching.size(), offset, limit, page);
    });
  }
}
