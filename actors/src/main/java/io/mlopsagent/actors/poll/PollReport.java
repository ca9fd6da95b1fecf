package io.mlopsagent.actors.poll;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;

/**
 * What one poll did, for metrics and the operator's status line.
 *
 * @param at observation time of the windows
 * @param models models in the poller's slice
 * @param recorded windows the entities recorded
 * @param rejected windows an entity refused (not after its latest)
 * @param missing models the source had no window for
 * @param failed windows whose entity did not answer in time
 * @param error why the poll as a whole failed, {@code null} when it did not
 * @param elapsedNanos real time the poll took
 */
public record PollReport(
    Instant at, int models, int recorded, int rejected, int missing, int failed, String error, long elapsedNanos)
    implements CborSerializable {

  public boolean succeeded() {
    return error == null;
  }
}
