package io.mlopsagent.actors.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * How every metric detector of a model learns its baseline. All durations are observation time.
 *
 * @param halfLife time after which an observation weighs half as much in the level and the noise
 *     scale; the daily profile forgets at the same pace, counted in time spent in each hour
 * @param warmupWindows learned windows before baseline-relative rules may fire
 * @param seasonal whether to learn a 24-bucket (UTC hour-of-day) daily profile
 * @param outlierClip residuals are clipped at this many noise scales before they are learned, and
 *     a value at least this far from its baseline has a direction
 * @param acceptShiftAfter how long a metric may stay frozen by a breaching rule before its new
 *     level is accepted as normal
 */
public record DetectorParams(
    Duration halfLife,
    int warmupWindows,
    boolean seasonal,
    double outlierClip,
    Duration acceptShiftAfter) {

  /**
   * Below this half-life an hour bucket cannot gather {@link DailyProfile#MIN_COVERAGE} of
   * observation, so a seasonal profile would never be used.
   */
  public static final Duration MIN_SEASONAL_HALF_LIFE = Duration.ofHours(2);

  public DetectorParams {
    Objects.requireNonNull(halfLife, "halfLife");
    Objects.requireNonNull(acceptShiftAfter, "acceptShiftAfter");
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife must be a positive duration, was " + halfLife);
    }
    if (seasonal && halfLife.compareTo(MIN_SEASONAL_HALF_LIFE) < 0) {
      throw new IllegalArgumentException("halfLife must be at least " + MIN_SEASONAL_HALF_LIFE
          + " when seasonal is on (an hour bucket could never be learned), was " + halfLife);
    }
    if (warmupWindows < 1) {
      throw new IllegalArgumentException("warmupWindows must be at least 1, was " + warmupWindows);
    }
    if (!(outlierClip >= 1.0) || Double.isInfinite(outlierClip)) {
      throw new IllegalArgumentException(
          "outlierClip must be a finite number of noise scales, at least 1.0, was " + outlierClip);
    }
    if (acceptShiftAfter.isNegative() || acceptShiftAfter.isZero()) {
      throw new IllegalArgumentException(
          "acceptShiftAfter must be a positive duration, was " + acceptShiftAfter);
    }
  }

  /** Six-hour memory, five minutes of warm-up at 10 s windows, seasonal, clip at 3 sigma. */
  public static DetectorParams defaults() {
    return new DetectorParams(Duration.ofHours(6), 30, true, 3.0, Duration.ofHours(6));
  }

  public DetectorParams withSeasonal(boolean on) {
    return new DetectorParams(halfLife, warmupWindows, on, outlierClip, acceptShiftAfter);
  }

  public DetectorParams withAcceptShiftAfter(Duration after) {
    return new DetectorParams(halfLife, warmupWindows, seasonal, outlierClip, after);
  }
}
