package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.metrics.ModelWindows;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * A persistent actor that journals the agent's own {@code WindowObserved} event, one per command as
 * a model's entity does, and nothing else: no detection, no decisions, no snapshots. What {@code
 * bench journal} measures is then the journal, not the model logic around it.
 */
final class JournalWriter extends EventSourcedBehavior<JournalWriter.Write, ModelAgent.Event, Long> {

  /** Journal this window, then answer. Local only: never serialized. */
  record Write(ModelWindows windows, ActorRef<Done> replyTo) {}

  JournalWriter(String name) {
    super(PersistenceId.of("JournalBench", name));
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandler<Write, ModelAgent.Event, Long> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Write.class, (count, write) -> Effect()
            .persist(new ModelAgent.WindowObserved(write.windows()))
            .thenReply(write.replyTo(), c -> Done.getInstance()))
        .build();
  }

  @Override
  public EventHandler<Long, ModelAgent.Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((count, event) -> count + 1);
  }
}
