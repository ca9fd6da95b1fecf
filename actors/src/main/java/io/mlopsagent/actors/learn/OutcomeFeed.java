package io.mlopsagent.actors.learn;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** The stream of every model's deployment outcomes, from an offset on: what the learner reads. */
@FunctionalInterface
public interface OutcomeFeed {

  /** One outcome and its offset in the stream. */
  record Item(DeploymentOutcome outcome, long offset) {}

  /** Outcomes after {@code offset} (0: from the beginning), live: the stream does not end. */
  Source<Item, NotUsed> from(long offset);
}
