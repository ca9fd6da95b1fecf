package io.mlopsagent.actors.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Production time: a poll every {@code interval} of real time, each window stamped with the
 * moment it was asked for. Windows never go back in time, even if the clock does.
 */
public record WallClockSchedule(Clock clock, Duration interval) implements ObservationSchedule {

  public WallClockSchedule {
    Objects.requireNonNull(clock, "clock");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be a positive duration, was " + interval);
    }
  }

  @Override
  public Instant next(Instant lastPolled) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return lastPolled != null && !now.isAfter(lastPolled) ? lastPolled.plusMillis(1) : now;
  }

  @Override
  public Duration tickInterval() {
    return interval;
  }
}
