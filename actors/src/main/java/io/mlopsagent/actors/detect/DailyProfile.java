package io.mlopsagent.actors.detect;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The learned daily shape of one metric: for each UTC hour of the day, how far the metric usually
 * sits from its level. Each hour bucket is an exponentially weighted mean whose memory is counted
 * in time spent in that hour, so with a six-hour half-life an hour remembers about six days.
 *
 * @param offsets per hour, the learned deviation from the level
 * @param coverageSeconds per hour, the decayed observation time behind the offset
 */
public record DailyProfile(double[] offsets, double[] coverageSeconds) implements CborSerializable {

  public static final int HOURS = 24;

  /** Observation time every hour needs (about a day and a half of data) before the profile is used. */
  public static final Duration MIN_COVERAGE = Duration.ofMinutes(90);

  /**
   * Most observation time one window may credit to its hour: a window after a long outage measured
   * a few seconds, not the hours since the previous one.
   */
  static final double MAX_CREDIT_SECONDS = 300.0;

  private static final double LN2 = Math.log(2.0);

  public DailyProfile {
    offsets = offsets == null ? new double[HOURS] : offsets;
    coverageSeconds = coverageSeconds == null ? new double[HOURS] : coverageSeconds;
    if (offsets.length != HOURS || coverageSeconds.length != HOURS) {
      throw new IllegalArgumentException("a daily profile has " + HOURS + " hours, got "
          + offsets.length + " offsets and " + coverageSeconds.length + " coverages");
    }
  }

  public static DailyProfile flat() {
    return new DailyProfile(new double[HOURS], new double[HOURS]);
  }

  static int hourOf(Instant at) {
    return (int) (Math.floorMod(at.getEpochSecond(), 86_400L) / 3_600L);
  }

  public double offset(Instant at) {
    return offsets[hourOf(at)];
  }

  /** The coverage-weighted mean of the offsets; 0 once {@link #centred()}. */
  public double meanOffset() {
    double weighted = 0;
    double weights = 0;
    for (int h = 0; h < HOURS; h++) {
      weighted += coverageSeconds[h] * offsets[h];
      weights += coverageSeconds[h];
    }
    return weights > 0 ? weighted / weights : 0.0;
  }

  /** True once every hour has enough observation time behind it. */
  public boolean covered() {
    double needed = MIN_COVERAGE.toSeconds();
    return Arrays.stream(coverageSeconds).allMatch(c -> c >= needed);
  }

  /** Observation time behind all hours together. */
  public double totalCoverageSeconds() {
    return Arrays.stream(coverageSeconds).sum();
  }

  /** Half the distance between the highest and the lowest hour. */
  public double amplitude() {
    double max = Arrays.stream(offsets).max().orElse(0);
    double min = Arrays.stream(offsets).min().orElse(0);
    return (max - min) / 2;
  }

  /**
   * The profile after learning {@code residual}, the part of a value at {@code at} that neither
   * the level nor this hour's offset explained, observed for {@code creditSeconds}.
   */
  public DailyProfile learn(Instant at, double residual, double creditSeconds, Duration halfLife) {
    double credit = Math.min(creditSeconds, MAX_CREDIT_SECONDS);
    if (!(credit > 0)) {
      return this;
    }
    int h = hourOf(at);
    double[] nextOffsets = offsets.clone();
    double[] nextCoverage = coverageSeconds.clone();
    double keep = Math.exp(-LN2 * credit / seconds(halfLife));
    nextCoverage[h] = coverageSeconds[h] * keep + credit;
    nextOffsets[h] = offsets[h] + credit / nextCoverage[h] * residual;
    return new DailyProfile(nextOffsets, nextCoverage);
  }

  /**
   * This profile with its coverage-weighted mean moved out of the hours that have been observed:
   * level and offsets could otherwise drift against each other, as only their sum is observed.
   * The caller adds {@link #meanOffset()} (taken before) to the level.
   */
  public DailyProfile centred() {
    double mean = meanOffset();
    if (mean == 0.0) {
      return this;
    }
    double[] next = offsets.clone();
    for (int h = 0; h < HOURS; h++) {
      if (coverageSeconds[h] > 0) {
        next[h] -= mean;
      }
    }
    return new DailyProfile(next, coverageSeconds);
  }

  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DailyProfile other
        && Arrays.equals(offsets, other.offsets)
        && Arrays.equals(coverageSeconds, other.coverageSeconds);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(coverageSeconds);
  }

  @Override
  public String toString() {
    return "DailyProfile[offsets=" + Arrays.toString(offsets)
        + ", coverageSeconds=" + Arrays.toString(coverageSeconds) + "]";
  }
}
