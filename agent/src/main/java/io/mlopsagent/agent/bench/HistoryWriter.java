package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelAgentSettings;
import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.model.ModelName;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Writes a model's history as its {@link ModelAgent} would have journaled it, many events per
 * write: the same persistence id, events, state (so the same snapshots) and snapshot cadence, so a
 * real entity recovers from it. A benchmark fixture: journaling a window at a time through the
 * entity would make building 10,000 models' history take many minutes.
 */
final class HistoryWriter extends EventSourcedBehavior<HistoryWriter.Command, ModelAgent.Event, ModelState> {

  sealed interface Command {}

  /** Journal these events (one atomic write), then answer. Local only: never serialized. */
  record Append(List<ModelAgent.Event> events, ActorRef<Done> replyTo) implements Command {}

  /** Stop, once the history is written. */
  record Stop() implements Command {}

  private final ModelAgentSettings settings;

  HistoryWriter(ModelName model, ModelAgentSettings settings) {
    super(ModelAgent.persistenceId(model));
    this.settings = settings;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // The entity's own cadence, so the snapshots fall where the entity would have taken them.
    return settings.retention();
  }

  @Override
  public ModelState emptyState() {
    return ModelState.empty(settings.summaryWindows());
  }

  @Override
  public CommandHandler<Command, ModelAgent.Event, ModelState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Append.class, (state, append) -> Effect()
            .persist(append.events())
            .thenReply(append.replyTo(), s -> Done.getInstance()))
        .onCommand(Stop.class, (state, stop) -> Effect().stop())
        .build();
  }

  @Override
  public EventHandler<ModelState, ModelAgent.Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ModelState::apply);
  }
}
