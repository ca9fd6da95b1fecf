package io.mlopsagent.actors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricSummaryTest {

  @Test
  void keepsOnlyTheNewestValuesUpToItsCapacity() {
    MetricSummary s = MetricSummary.empty(3);
    for (double v : new double[] {1, 2, 3, 4, 5}) {
      s = s.with(MetricKind.THROUGHPUT_RPS, v);
    }

    assertThat(s.recent()).containsExactly(3, 4, 5);
    assertThat(s.observed()).isEqualTo(5);
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.min()).isEqualTo(3.0);
    assertThat(s.max()).isEqualTo(5.0);
    assertThat(s.stdDev()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void countsMissingAndOutOfRangeValuesAsGapsWithoutTouchingTheStatistics() {
    MetricSummary s = MetricSummary.empty(10).with(MetricKind.ACCURACY, 0.9);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.1, 1.5}) {
      s = s.with(MetricKind.ACCURACY, bad);
    }

    assertThat(s.missing()).isEqualTo(5);
    assertThat(s.observed()).isEqualTo(1);
    assertThat(s.recent()).containsExactly(0.9);
  }

  @Test
  void anEmptySummaryHasNoStatistics() {
    MetricSummary s = MetricSummary.empty(4);

    assertThat(s.mean()).isNaN();
    assertThat(s.stdDev()).isNaN();
    assertThat(s.with(MetricKind.ERROR_RATE, 0.1).stdDev()).isNaN();
  }

  @Test
  void isImmutable() {
    MetricSummary before = MetricSummary.empty(2).with(MetricKind.ERROR_RATE, 0.1);
    MetricSummary after = before.with(MetricKind.ERROR_RATE, 0.2);

    assertThat(before.recent()).containsExactly(0.1);
    assertThat(after.recent()).containsExactly(0.1, 0.2);
    assertThat(after).isNotEqualTo(before);
    assertThat(MetricSummary.empty(2).with(MetricKind.ERROR_RATE, 0.1)).isEqualTo(before);
  }

  @Test
  void windowsReportTheirGaps() {
    MetricWindow w = new MetricWindow(java.time.Instant.EPOCH, Double.NaN, 0.2, 2.0, 10, -1);

    assertThat(w.gaps()).containsOnlyKeys(MetricKind.ACCURACY, MetricKind.ERROR_RATE, MetricKind.CPU_UTILIZATION);
  }
}
