package io.mlopsagent.agent.kubernetes;

import java.time.Duration;

/** How long to wait before retrying after a server error or a timeout. */
@FunctionalInterface
public interface Backoff {

  /** The pause before retry number {@code retry} (1 for the first retry). */
  Duration delayBefore(int retry);

  /** Doubles from {@code first} up to {@code max}. */
  static Backoff exponential(Duration first, Duration max) {
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff " + first + ".." + max + " is invalid: expected 0 <= first <= max");
    }
    return retry -> {
      Duration d = first.multipliedBy(1L << Math.min(Math.max(retry - 1, 0), 20));
      return d.compareTo(max) > 0 ? max : d;
    };
  }

  /** No pause: for tests, which prove the retries without waiting. */
  static Backoff none() {
    return retry -> Duration.ZERO;
  }
}
