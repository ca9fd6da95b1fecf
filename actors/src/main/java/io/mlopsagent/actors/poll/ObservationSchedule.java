package io.mlopsagent.actors.poll;

import java.time.Duration;
import java.time.Instant;

/**
 * When a poller observes, in two clocks: the observation time each window is stamped with (what
 * the brain reasons in) and the real time between two polls (what the timer waits). In
 * production the two advance together; {@code demo} runs observation time faster than real time.
 */
public interface ObservationSchedule {

  /** Observation time of the next window, given the last one polled ({@code null} before any). */
  Instant next(Instant lastPolled);

  /** Real time between two polls. */
  Duration tickInterval();
}
