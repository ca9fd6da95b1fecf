package io.mlopsagent.actors.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Observation time that advances one {@code step} per poll, polls coming {@code speed} times
 * faster than the step: at speed 60 a 10 s step is polled every 166 ms, and an hour of fleet life
 * takes a minute. It continues from the last polled window, so a restarted demo resumes its own
 * timeline instead of writing windows that go back in time.
 */
public record AcceleratedSchedule(Instant start, Duration step, double speed) implements ObservationSchedule {

  public AcceleratedSchedule {
    Objects.requireNonNull(start, "start");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("poller step must be a positive duration, was " + step);
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a finite number > 0, was " + speed);
    }
  }

  @Override
  public Instant next(Instant lastPolled) {
    return lastPolled == null ? start : lastPolled.plus(step);
  }

  @Override
  public Duration tickInterval() {
    long nanos = Math.max(1_000_000L, (long) (step.toNanos() / speed));
    return Duration.ofNanos(nanos);
  }
}
