package io.mlopsagent.actors;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import java.time.Instant;

/** Windows with easy-to-check values for tests. */
public final class TestWindows {
  public static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  private TestWindows() {}

  /** The i-th window after {@link #T0}, ten seconds apart; values move with i. */
  public static MetricWindow window(int i) {
    return new MetricWindow(T0.plusSeconds(10L * i), 0.90 + i % 5 * 0.01, 0.100 + i % 3 * 0.01,
        0.01, 100 + i, 0.5);
  }

  /** {@link #window(int)} as a source reports it, without per-version windows. */
  public static ModelWindows windows(int i) {
    return ModelWindows.of(window(i));
  }
}
