package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.agent.ModelAgent;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Source;

/** Outcomes through the JDBC read journal: every {@link ModelAgent.OutcomeRecorded}, by its tag. */
public final class ReadJournalOutcomeFeed implements OutcomeFeed {
  private final JdbcReadJournal journal;

  public ReadJournalOutcomeFeed(ActorSystem<?> system) {
    this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
  }

  @Override
  public Source<Item, NotUsed> from(long offset) {
    return journal.eventsByTag(ModelAgent.OUTCOME_TAG, Offset.sequence(offset))
        .filter(envelope -> envelope.event() instanceof ModelAgent.OutcomeRecorded)
        .map(envelope -> new Item(((ModelAgent.OutcomeRecorded) envelope.event()).outcome(),
            ((Sequence) envelope.offset()).value()));
  }
}
