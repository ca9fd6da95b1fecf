package io.mlopsagent.agent.nab;

import java.util.Arrays;

/**
 * The values seen so far, kept sorted, to tell how rare a new one is. Online: a value is judged
 * against the earlier ones only, and added after.
 */
final class TailRank {
  private double[] sorted = new double[1024];
  private int size;

  /** {@code 1 - (earlier values >= x, plus one) / (earlier values, plus one)}: in [0, 1). */
  double rarity(double x) {
    int atLeast = size - lowerBound(x);
    return 1.0 - (atLeast + 1.0) / (size + 1.0);
  }

  void add(double x) {
    if (size == sorted.length) {
      sorted = Arrays.copyOf(sorted, 2 * size);
    }
    int at = lowerBound(x);
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = x;
    size++;
  }

  /** The first index holding a value >= x. */
  private int lowerBound(double x) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
