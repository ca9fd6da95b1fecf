package io.mlopsagent.simulation.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the time of a run onto a horizontal pixel range. Both time charts (SLO minutes and the
 * adaptation timeline) use the same span, so a moment sits at the same place in each.
 */
final class TimeScale {
  // Tick spacings to choose from, in minutes: round units a reader counts in.
  private static final long[] STEPS = {1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1_440, 2_880, 10_080, 20_160,
      43_200, 129_600, 525_600};
  private static final int MAX_TICKS = 12;

  private final Instant start;
  private final double spanMillis;
  private final double from;
  private final double to;

  TimeScale(Instant start, Duration span, double from, double to) {
    if (span.isNegative() || span.isZero()) {
      throw new IllegalArgumentException("a time axis needs a positive span, not " + span);
    }
    this.start = start;
    this.spanMillis = span.toMillis();
    this.from = from;
    this.to = to;
  }

  double at(Instant t) {
    return atOffset(t.toEpochMilli() - start.toEpochMilli());
  }

  /** Pixel of a moment {@code offsetMillis} after the start, clamped to the axis. */
  double atOffset(double offsetMillis) {
    double f = Math.max(0, Math.min(1, offsetMillis / spanMillis));
    return from + f * (to - from);
  }

  /** Which of {@code buckets} equal slices of the span a moment falls in. */
  int bucket(Instant t, int buckets) {
    double f = (t.toEpochMilli() - start.toEpochMilli()) / spanMillis;
    return (int) Math.max(0, Math.min(buckets - 1, Math.floor(f * buckets)));
  }

  Duration span() {
    return Duration.ofMillis((long) spanMillis);
  }

  /** Ticks at the first round spacing that gives at most a dozen, labelled by day. */
  List<Tick> ticks() {
    long stepMinutes = STEPS[STEPS.length - 1];
    for (long s : STEPS) {
      if (spanMillis / (s * 60_000.0) <= MAX_TICKS) {
        stepMinutes = s;
        break;
      }
    }
    List<Tick> ticks = new ArrayList<>();
    for (long m = 0; m * 60_000.0 <= spanMillis; m += stepMinutes) {
      Duration offset = Duration.ofMinutes(m);
      ticks.add(new Tick(atOffset(offset.toMillis()), DurationText.tick(offset)));
    }
    return ticks;
  }
}
