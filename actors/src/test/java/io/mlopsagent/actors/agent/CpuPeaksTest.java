package io.mlopsagent.actors.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CpuPeaksTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T15:00:00Z");

  @Test
  void aMondayPeakStillCountsOnSundayAndIsForgottenAWeekLater() {
    CpuPeaks peaks = CpuPeaks.empty().observe(MONDAY, 0.7, 4, 1.0); // 2.8 cores
    for (int day = 1; day < 7; day++) {
      peaks = peaks.observe(MONDAY.plus(Duration.ofDays(day)), 0.2, 4, 1.0);
    }
    assertThat(peaks.weeklyPeakCores()).isEqualTo(2.8, org.assertj.core.api.Assertions.within(1e-9));

    peaks = peaks.observe(MONDAY.plus(Duration.ofDays(7)), 0.2, 4, 1.0);
    assertThat(peaks.weeklyPeakCores()).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void peaksAreCoresSoAScaleInDoesNotShrinkWhatWasUsed() {
    // 60 % of 4 replicas, then 90 % of 2 after a scale-in: 2.4 and 1.8 cores.
    CpuPeaks peaks = CpuPeaks.empty().observe(MONDAY, 0.6, 4, 1.0).observe(MONDAY.plusSeconds(600), 0.9, 2, 1.0);
    assertThat(peaks.weeklyPeakCores()).isEqualTo(2.4, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void invalidOrOlderWindowsChangeNothing() {
    CpuPeaks peaks = CpuPeaks.empty().observe(MONDAY, 0.5, 2, 1.0);
    assertThat(peaks.observe(MONDAY, Double.NaN, 2, 1.0)).isEqualTo(peaks);
    assertThat(peaks.observe(MONDAY.minus(Duration.ofDays(2)), 0.99, 2, 1.0)).isEqualTo(peaks);
  }
}
