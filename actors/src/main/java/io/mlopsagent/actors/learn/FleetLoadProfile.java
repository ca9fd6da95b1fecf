package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The fleet's load by UTC hour of the day, learned from what is observed: for each hour an
 * exponentially weighted mean, so a fleet whose daily shape shifts is followed within days, and a
 * count of samples, so an hour never seen is told apart from an idle one.
 *
 * @param means per hour, the weighted mean load (0 where {@code samples} is 0)
 * @param samples per hour, the samples folded in
 */
public record FleetLoadProfile(double[] means, long[] samples) implements CborSerializable {

  public static final int HOURS = 24;
  /** Weight of a new sample in its hour's mean: about the last ten samples of the hour count. */
  public static final double WEIGHT = 0.1;
  /** Hours that need a sample before the profile is trusted: a day with a few gaps is enough. */
  public static final int MIN_HOURS_SEEN = 20;
  /** Hours within this share of the busiest one are peak hours. */
  public static final double PEAK_SHARE = 0.85;

  public FleetLoadProfile {
    means = means == null ? new double[HOURS] : means;
    samples = samples == null ? new long[HOURS] : samples;
    if (means.length != HOURS || samples.length != HOURS) {
      throw new IllegalArgumentException("a load profile has " + HOURS + " hours, got " + means.length
          + " means and " + samples.length + " sample counts");
    }
  }

  public static FleetLoadProfile empty() {
    return new FleetLoadProfile(new double[HOURS], new long[HOURS]);
  }

  /** The UTC hour of the day of {@code at}, 0..23. */
  public static int hourOf(Instant at) {
    return (int) (Math.floorMod(at.getEpochSecond(), 86_400L) / 3_600L);
  }

  /**
   * The profile with {@code load} observed at {@code at}. NaN, infinite or negative loads (a broken
   * metric) are left out. An hour's first sample is its mean: starting from 0 would take the mean
   * dozens of samples to climb.
   */
  public FleetLoadProfile observe(Instant at, double load) {
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(load) || load < 0) {
      return this;
    }
    int h = hourOf(at);
    double[] nextMeans = means.clone();
    long[] nextSamples = samples.clone();
    nextMeans[h] = samples[h] == 0 ? load : means[h] + WEIGHT * (load - means[h]);
    nextSamples[h] = samples[h] + 1;
    return new FleetLoadProfile(nextMeans, nextSamples);
  }

  /** The load expected at {@code hour} (0..23); NaN when the hour was never observed. */
  public double expected(int hour) {
    checkHour(hour);
    return samples[hour] == 0 ? Double.NaN : means[hour];
  }

  /** Whether enough hours were observed ({@link #MIN_HOURS_SEEN}) to tell peak from off-peak. */
  public boolean learned() {
    return Arrays.stream(samples).filter(n -> n > 0).count() >= MIN_HOURS_SEEN;
  }

  /**
   * The observed hours whose load is at least {@link #PEAK_SHARE} of the busiest hour's, ascending;
   * empty while the profile is not {@link #learned()} or the fleet was never loaded at all.
   */
  public List<Integer> peakHours() {
    List<Integer> peaks = new ArrayList<>();
    if (!learned()) {
      return peaks;
    }
    double max = 0;
    for (int h = 0; h < HOURS; h++) {
      if (samples[h] > 0) {
        max = Math.max(max, means[h]);
      }
    }
    for (int h = 0; h < HOURS && max > 0; h++) {
      if (samples[h] > 0 && means[h] >= PEAK_SHARE * max) {
        peaks.add(h);
      }
    }
    return List.copyOf(peaks);
  }

  /** Whether {@code hour} is one of the {@link #peakHours()}; false while not learned. */
  public boolean isPeak(int hour) {
    checkHour(hour);
    return peakHours().contains(hour);
  }

  private static void checkHour(int hour) {
    if (hour < 0 || hour >= HOURS) {
      throw new IllegalArgumentException("hour was " + hour + ", allowed is 0..23");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FleetLoadProfile other && Arrays.equals(means, other.means)
        && Arrays.equals(samples, other.samples);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(means) + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "FleetLoadProfile[means=" + Arrays.toString(means) + ", samples=" + Arrays.toString(samples) + "]";
  }
}
