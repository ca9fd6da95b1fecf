package io.mlopsagent.actors.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WallClockScheduleTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123456Z");

  @Test
  void stampsEachWindowWithTheClockToTheMillisecond() {
    WallClockSchedule s = new WallClockSchedule(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));

    assertThat(s.next(null)).isEqualTo(Instant.parse("2026-11-27T10:00:00.123Z"));
    assertThat(s.tickInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void neverGoesBackInTimeWhenTheClockDoes() {
    WallClockSchedule s = new WallClockSchedule(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));
    Instant later = NOW.plusSeconds(5);

    assertThat(s.next(later)).isEqualTo(later.plusMillis(1));
  }
}
