package io.mlopsagent.agent.retraining;

import java.time.Duration;

/**
 * How often and how patiently a request to the training system is repeated when it answers 5xx or
 * cannot be reached: delays double from {@code first} up to {@code max}, so a struggling server is
 * not hammered and a caller never waits unboundedly.
 */
public record RetryBackoff(int maxAttempts, Duration first, Duration max) {
  public RetryBackoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("expected 0 <= first <= max, was " + first + " and " + max);
    }
  }

  /** {@code maxAttempts} attempts, 1 s apart at first, at most 10 s apart. */
  public static RetryBackoff standard(int maxAttempts) {
    return new RetryBackoff(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  /** Retries without waiting, for tests. */
  public static RetryBackoff immediate(int maxAttempts) {
    return new RetryBackoff(maxAttempts, Duration.ZERO, Duration.ZERO);
  }

  /** The wait before attempt {@code attempt} (2 for the first retry). */
  Duration delayBefore(int attempt) {
    Duration d = first;
    for (int i = 2; i < attempt && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
