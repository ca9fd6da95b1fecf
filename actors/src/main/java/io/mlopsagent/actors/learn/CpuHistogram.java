package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model's CPU usage per replica, remembered as a decaying histogram in the manner of the
 * Kubernetes VPA recommender: buckets grow exponentially (each 5 % wider than the one before, the
 * first 0.01 core wide, the last reaching past 64 cores), so the relative resolution is the same for
 * a light model and a heavy one; and a sample's weight doubles every half-life of time, so usage of
 * the last day counts twice as much as usage of the day before and the histogram follows a model
 * whose usage changes, without storing the samples.
 *
 * <p>Weights are kept relative to {@code reference}: a sample at t weighs 2^((t - reference) /
 * halfLife). Only ratios of weights matter to percentiles, so when that factor grows large the
 * reference moves to the newest sample and every weight is divided by the same factor; doubles then
 * never overflow however long the model lives.
 *
 * @param weights per bucket, the summed weights of its samples, relative to {@code reference}
 * @param halfLife the time in which a sample's weight relative to a new one halves
 * @param reference the moment a sample weighs 1 (null before the first sample)
 * @param firstSampleAt the first sample's time (null when empty)
 * @param lastSampleAt the latest sample's time (null when empty)
 * @param sampleCount samples taken (broken ones are not)
 * @param observedSeconds time covered by the samples: each gap between samples counts, up to
 *     {@link #MAX_GAP_CREDIT} (a model that reported nothing for a day was not observed that day)
 */
public record CpuHistogram(
    double[] weights,
    Duration halfLife,
    Instant reference,
    Instant firstSampleAt,
    Instant lastSampleAt,
    long sampleCount,
    double observedSeconds) implements CborSerializable {

  /** Width of the first bucket, in cores. */
  public static final double FIRST_BUCKET_CORES = 0.01;
  /** Each bucket is this much wider than the one before. */
  public static final double RATIO = 1.05;
  /** Usage the buckets reach; more lands in the last bucket. */
  public static final double MAX_CORES = 64.0;
  /**
   * Buckets: up to the first one that starts at or past {@link #MAX_CORES} (about 66 cores), which
   * also takes everything above; 120 with the constants above.
   */
  public static final int BUCKETS =
      (int) Math.ceil(Math.log(1 + MAX_CORES * (RATIO - 1) / FIRST_BUCKET_CORES) / Math.log(RATIO)) + 1;
  /** VPA's default for CPU: yesterday's usage counts half as much as today's. */
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofHours(24);
  /** Most a gap between two samples adds to {@link #observedSeconds}. */
  public static final Duration MAX_GAP_CREDIT = Duration.ofMinutes(5);

  /** Half-lives past the reference after which weights are renormalised (2^100 stays far from overflow). */
  static final double MAX_DECAY_EXPONENT = 100;

  public CpuHistogram {
    Objects.requireNonNull(halfLife, "halfLife");
    weights = weights == null ? new double[BUCKETS] : weights;
    if (weights.length != BUCKETS) {
      throw new IllegalArgumentException("weights had " + weights.length + " buckets, allowed is " + BUCKETS);
    }
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("halfLife was " + halfLife + ", allowed is more than zero");
    }
  }

  /** An empty histogram with VPA's 24 h half-life. */
  public static CpuHistogram empty() {
    return empty(DEFAULT_HALF_LIFE);
  }

  public static CpuHistogram empty(Duration halfLife) {
    return new CpuHistogram(new double[BUCKETS], halfLife, null, null, null, 0, 0.0);
  }

  /**
   * The histogram with one more sample. A NaN, infinite or negative value (a broken metric) leaves it
   * as it is: broken metrics must not stop the agent, nor skew what it learns.
   */
  public CpuHistogram add(Instant at, double coresPerReplica) {
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(coresPerReplica) || coresPerReplica < 0) {
      return this;
    }
    double[] next = weights.clone();
    Instant ref = reference == null ? at : reference;
    double exponent = halfLives(ref, at);
    if (exponent > MAX_DECAY_EXPONENT) {
      double scale = Math.pow(2, -exponent);
      for (int b = 0; b < next.length; b++) {
        next[b] *= scale;
      }
      ref = at;
      exponent = 0;
    }
    next[bucketOf(coresPerReplica)] += Math.pow(2, exponent);
    double credit = lastSampleAt == null ? 0
        : Math.min(seconds(Duration.between(lastSampleAt, at)), seconds(MAX_GAP_CREDIT));
    Instant first = firstSampleAt == null || at.isBefore(firstSampleAt) ? at : firstSampleAt;
    Instant last = lastSampleAt == null || at.isAfter(lastSampleAt) ? at : lastSampleAt;
    return new CpuHistogram(next, halfLife, ref, first, last, sampleCount + 1,
        observedSeconds + Math.max(0, credit));
  }

  /**
   * The usage at or below which fraction {@code p} of the (weighted) samples lie, as the upper end
   * of the bucket that holds it: rounding up, as a resource request should. NaN when empty.
   */
  public double percentile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p was " + p + ", allowed is 0..1");
    }
    double total = Arrays.stream(weights).sum();
    if (!(total > 0)) {
      return Double.NaN;
    }
    double wanted = p * total;
    double cumulative = 0;
    int last = 0;
    for (int b = 0; b < weights.length; b++) {
      if (weights[b] <= 0) {
        continue;
      }
      last = b;
      cumulative += weights[b];
      if (cumulative >= wanted) {
        return bucketStart(b + 1);
      }
    }
    return bucketStart(last + 1); // rounding left the last few ulps of the total unreached
  }

  /**
   * The samples' summed weight with each sample counting 1 at {@link #lastSampleAt} and half as much
   * for every half-life before it: about how many recent samples the percentiles stand on.
   */
  public double totalWeight() {
    if (reference == null) {
      return 0.0;
    }
    return Arrays.stream(weights).sum() * Math.pow(2, -halfLives(reference, lastSampleAt));
  }

  /** Days of usage behind the histogram: {@link #observedSeconds} in days. */
  public double historyDays() {
    return observedSeconds / 86_400.0;
  }

  /**
   * What CPU per replica this usage asks for at {@code now}: the recommendation of {@link
   * CpuRecommendation#from}, or none while there is under an hour of history or the latest sample
   * is over a week old (the model's usage is then not known, only remembered).
   */
  public CpuRecommendation recommend(Instant now) {
    Objects.requireNonNull(now, "now");
    if (sampleCount == 0 || observedSeconds < seconds(CpuRecommendation.MIN_HISTORY)) {
      return CpuRecommendation.none();
    }
    if (Duration.between(lastSampleAt, now).compareTo(CpuRecommendation.STALE_AFTER) > 0) {
      return CpuRecommendation.none("no usage sample since " + lastSampleAt);
    }
    return CpuRecommendation.from(percentile(0.5), percentile(0.9), percentile(0.95), historyDays());
  }

  /** Index of the bucket holding {@code cores}: the b with start(b) <= cores < start(b + 1). */
  static int bucketOf(double cores) {
    int b = (int) Math.floor(Math.log(1 + cores * (RATIO - 1) / FIRST_BUCKET_CORES) / Math.log(RATIO));
    return Math.max(0, Math.min(BUCKETS - 1, b));
  }

  /** Lower end of bucket b: the first bucket's width times the geometric series 1 + r + ... + r^(b-1). */
  static double bucketStart(int b) {
    return FIRST_BUCKET_CORES * (Math.pow(RATIO, b) - 1) / (RATIO - 1);
  }

  private double halfLives(Instant from, Instant to) {
    return seconds(Duration.between(from, to)) / seconds(halfLife);
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CpuHistogram other
        && Arrays.equals(weights, other.weights)
        && halfLife.equals(other.halfLife)
        && Objects.equals(reference, other.reference)
        && Objects.equals(firstSampleAt, other.firstSampleAt)
        && Objects.equals(lastSampleAt, other.lastSampleAt)
        && sampleCount == other.sampleCount
        && Double.compare(observedSeconds, other.observedSeconds) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(weights), halfLife, reference, firstSampleAt, lastSampleAt, sampleCount,
        observedSeconds);
  }

  @Override
  public String toString() {
    return "CpuHistogram[samples=" + sampleCount + ", historyDays=" + historyDays() + ", p50=" + percentile(0.5)
        + ", p90=" + percentile(0.9) + ", first=" + firstSampleAt + ", last=" + lastSampleAt + "]";
  }
}
