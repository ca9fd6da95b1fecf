package io.mlopsagent.agent.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies counted into log-linear buckets of microseconds (within 1.6 % of the true value), so a
 * long run costs a few kilobytes instead of one number per sample, and the heap a benchmark reports
 * is the agent's, not the recorder's. Thread-safe: answers arrive on many threads.
 */
final class LatencyRecorder {
  // Values below LINEAR are exact; above, each power of two is split into HALF sub-buckets.
  private static final int LINEAR = 128;
  private static final int HALF = LINEAR / 2;
  private static final int SUB_BITS = 6;
  private static final int FIRST_EXPONENT = 7;

  private final AtomicLongArray buckets = new AtomicLongArray(LINEAR + (63 - FIRST_EXPONENT) * HALF);
  private final LongAdder count = new LongAdder();

  void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    buckets.incrementAndGet(index(micros));
    count.increment();
  }

  long count() {
    return count.sum();
  }

  /**
   * The latency, in milliseconds, below which {@code percent} % of the samples fall (the upper
   * edge of that sample's bucket); 0 without samples.
   */
  double percentileMillis(double percent) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        return upperEdgeMicros(i) / 1_000.0;
      }
    }
    return upperEdgeMicros(buckets.length() - 1) / 1_000.0;
  }

  static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros);
    int sub = (int) (micros >>> (exponent - SUB_BITS)) - HALF;
    return LINEAR + (exponent - FIRST_EXPONENT) * HALF + sub;
  }

  static long upperEdgeMicros(int index) {
    if (index < LINEAR) {
      return index;
    }
    int exponent = FIRST_EXPONENT + (index - LINEAR) / HALF;
    long sub = HALF + (index - LINEAR) % HALF;
    return ((sub + 1) << (exponent - SUB_BITS)) - 1;
  }
}
