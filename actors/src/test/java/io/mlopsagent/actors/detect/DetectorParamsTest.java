package io.mlopsagent.actors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorParamsTest {
  private static final Duration H6 = Duration.ofHours(6);

  @Test
  void defaultsLearnOverSixHoursWithFiveMinutesOfWarmup() {
    assertThat(DetectorParams.defaults()).isEqualTo(new DetectorParams(H6, 30, true, 3.0, H6));
  }

  @Test
  void rejectsANonPositiveHalfLifeNamingFieldAndValue() {
    assertThatThrownBy(() -> new DetectorParams(Duration.ZERO, 30, false, 3.0, H6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfLife must be a positive duration, was PT0S");
  }

  @Test
  void rejectsAHalfLifeTooShortToLearnADailyProfileOnlyWhenSeasonal() {
    Duration hour = Duration.ofHours(1);
    assertThatThrownBy(() -> new DetectorParams(hour, 30, true, 3.0, H6))
        .hasMessageStartingWith("halfLife must be at least PT2H when seasonal is on")
        .hasMessageEndingWith("was PT1H");
    assertThat(new DetectorParams(hour, 30, false, 3.0, H6).halfLife()).isEqualTo(hour);
  }

  @Test
  void rejectsWarmupBelowOneWindow() {
    assertThatThrownBy(() -> new DetectorParams(H6, 0, true, 3.0, H6))
        .hasMessage("warmupWindows must be at least 1, was 0");
  }

  @Test
  void rejectsAnOutlierClipThatIsNotAFiniteNumberOfScalesFromOne() {
    assertThatThrownBy(() -> new DetectorParams(H6, 30, true, 0.5, H6))
        .hasMessage("outlierClip must be a finite number of noise scales, at least 1.0, was 0.5");
    assertThatThrownBy(() -> new DetectorParams(H6, 30, true, Double.NaN, H6))
        .hasMessageEndingWith("was NaN");
    assertThatThrownBy(() -> new DetectorParams(H6, 30, true, Double.POSITIVE_INFINITY, H6))
        .hasMessageEndingWith("was Infinity");
  }

  @Test
  void rejectsANonPositiveAcceptShiftAfter() {
    assertThatThrownBy(() -> new DetectorParams(H6, 30, true, 3.0, Duration.ofMinutes(-5)))
        .hasMessage("acceptShiftAfter must be a positive duration, was PT-5M");
  }

  @Test
  void rejectsMissingDurations() {
    assertThatThrownBy(() -> new DetectorParams(null, 30, true, 3.0, H6))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("halfLife");
  }
}
