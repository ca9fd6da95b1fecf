package io.mlopsagent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportScalesTest {
  @Test
  void valueTicksAreRoundAndCoverTheData() {
    assertThat(new ValueScale(87, 0, 100).ticks()).extracting(Tick::label)
        .containsExactly("0", "20", "40", "60", "80", "100");
    assertThat(new ValueScale(0.37, 0, 100).ticks()).extracting(Tick::label)
        .containsExactly("0.0", "0.1", "0.2", "0.3", "0.4");
    // All zeros still make a scale, with zero at the start of the axis.
    assertThat(new ValueScale(0, 300, 100).at(0)).isEqualTo(300);
  }

  @Test
  void timeTicksFallOnDaysForAWeekAndOnHoursForADay() {
    Instant start = Instant.parse("2026-11-23T00:00:00Z");

    assertThat(new TimeScale(start, Duration.ofDays(7), 0, 700).ticks()).extracting(Tick::label)
        .containsExactly("start", "day 1", "day 2", "day 3", "day 4", "day 5", "day 6", "day 7");
    assertThat(new TimeScale(start, Duration.ofDays(1), 0, 240).ticks()).extracting(Tick::label)
        .startsWith("start", "02:00", "04:00").endsWith("22:00", "day 1");
    assertThat(new TimeScale(start, Duration.ofDays(7), 0, 700).at(start.plus(Duration.ofDays(8)))).isEqualTo(700);
  }
}
