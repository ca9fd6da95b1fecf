package io.mlopsagent.actors.detect;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Arrays;

/**
 * How often each size of a non-negative quantity has been seen, in log-spaced bins, to tell how
 * rare a new value is. Bounded: a fixed number of bins, and once {@code memory} values are counted
 * every count is halved, so old history fades instead of growing without end. Immutable.
 *
 * <p>Bins are {@link #BINS_PER_DECADE} per decade from {@link #SMALLEST} up, about 15 % wide: two
 * values in one bin count as equally rare.
 *
 * @param counts values seen per bin (bin 0 holds everything below {@link #SMALLEST})
 * @param total the sum of {@code counts}
 */
public record RarityHistogram(long[] counts, long total) implements CborSerializable {
  static final double SMALLEST = 1e-3;
  static final int BINS_PER_DECADE = 16;
  /** From 1e-3 to 1e7: beyond every score {@link MetricBaseline} can give. */
  static final int BINS = 1 + 10 * BINS_PER_DECADE;

  public RarityHistogram {
    if (counts == null || counts.length != BINS) {
      throw new IllegalArgumentException("a rarity histogram has " + BINS + " bins");
    }
    counts = counts.clone();
  }

  public static RarityHistogram empty() {
    return new RarityHistogram(new long[BINS], 0);
  }

  /**
   * {@code 1 - (earlier values in x's bin or above, plus one) / (earlier values, plus one)}: in
   * [0, 1), 0 with no history, near 1 for a value larger than nearly all seen before.
   *
   * <p>Beyond the largest value seen, the tail keeps thinning with the square of how far beyond
   * it {@code x} is (a Pareto tail of index 2): counting alone would rate a value ten times the
   * largest seen as rare as one just above it.
   */
  public double rarity(double x) {
    int from = bin(x);
    long atLeast = 0;
    for (int b = from; b < BINS; b++) {
      atLeast += counts[b];
    }
    double tail = (atLeast + 1.0) / (total + 1.0);
    if (atLeast == 0 && total > 0) {
      int top = from - 1;
      while (counts[top] == 0) {
        top--;
      }
      double beyond = Math.min(1.0, upperEdge(top) / x);
      tail *= beyond * beyond;
    }
    return 1.0 - tail;
  }

  /** The largest value bin {@code b} holds. */
  static double upperEdge(int b) {
    return SMALLEST * Math.pow(10, (double) b / BINS_PER_DECADE);
  }

  /** This histogram with {@code x} counted; halved first when {@code memory} values are held. */
  public RarityHistogram add(double x, long memory) {
    long[] next = counts.clone();
    long n = total;
    if (n >= memory) {
      n = 0;
      for (int b = 0; b < BINS; b++) {
        next[b] /= 2;
        n += next[b];
      }
    }
    next[bin(x)]++;
    return new RarityHistogram(next, n + 1);
  }

  static int bin(double x) {
    if (!(x >= SMALLEST)) {
      return 0; // also NaN: callers pass non-negative finite values, and NaN must not throw here
    }
    // In double first: x / SMALLEST may be infinite, and an int cast of that would wrap around.
    double b = 1 + Math.floor(Math.log10(x / SMALLEST) * BINS_PER_DECADE);
    return (int) Math.min(b, BINS - 1);
  }

  /** A copy: the histogram stays immutable. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RarityHistogram h && h.total == total && Arrays.equals(h.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(counts) + Long.hashCode(total);
  }

  @Override
  public String toString() {
    return "RarityHistogram[total=" + total + "]";
  }
}
