package io.mlopsagent.agent.replay;

import java.time.Instant;

/**
 * The observation time a replay covers ({@code --from}, {@code --to}); either end may be open.
 *
 * @param from the first instant replayed, or {@code null} for the start of the recording
 * @param to the last instant replayed, or {@code null} for its end
 */
record TimeRange(Instant from, Instant to) {
  static final TimeRange ALL = new TimeRange(null, null);

  TimeRange {
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
  }

  boolean before(Instant at) {
    return from != null && at.isBefore(from);
  }

  boolean after(Instant at) {
    return to != null && at.isAfter(to);
  }

  boolean contains(Instant at) {
    return !before(at) && !after(at);
  }
}
