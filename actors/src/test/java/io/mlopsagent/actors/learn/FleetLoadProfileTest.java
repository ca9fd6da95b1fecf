package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's hourly load: learned per hour, peak hours only once most of the day was seen. */
class FleetLoadProfileTest {

  @Test
  void peakHoursAreThoseWithin85PercentOfTheBusiest() {
    FleetLoadProfile fleet = PlanFixtures.learnedFleet();

    assertThat(fleet.learned()).isTrue();
    assertThat(fleet.peakHours()).containsExactly(11, 12, 13, 14, 15, 16, 17);
    assertThat(fleet.isPeak(14)).isTrue();
    assertThat(fleet.isPeak(3)).isFalse();
    assertThat(fleet.expected(3)).isEqualTo(0.5);
  }

  @Test
  void notLearnedUntil20HoursWereSeen() {
    FleetLoadProfile fleet = FleetLoadProfile.empty();
    for (int h = 0; h < 19; h++) {
      fleet = fleet.observe(PlanFixtures.monday(h, 0), h == 14 ? 1.0 : 0.2);
    }

    assertThat(fleet.learned()).isFalse();
    assertThat(fleet.peakHours()).isEmpty();
    assertThat(fleet.isPeak(14)).isFalse();
    assertThat(fleet.expected(20)).isNaN();

    FleetLoadProfile twenty = fleet.observe(PlanFixtures.monday(19, 0), 0.2);
    assertThat(twenty.learned()).isTrue();
    assertThat(twenty.peakHours()).isEqualTo(List.of(14));
  }

  @Test
  void anHoursFirstSampleIsItsMeanThenEachMovesItATenth() {
    FleetLoadProfile fleet = FleetLoadProfile.empty()
        .observe(PlanFixtures.monday(8, 0), 0.6)
        .observe(PlanFixtures.monday(8, 30), 1.6)
        .observe(PlanFixtures.monday(8, 59).plusSeconds(59), Double.NaN)
        .observe(PlanFixtures.monday(9, 0), -1);

    assertThat(fleet.expected(8)).isCloseTo(0.7, within(1e-12));
    assertThat(fleet.samples()[8]).isEqualTo(2);
    assertThat(fleet.expected(9)).isNaN();
  }

  @Test
  void anIdleFleetHasNoPeak() {
    FleetLoadProfile fleet = FleetLoadProfile.empty();
    for (int h = 0; h < 24; h++) {
      fleet = fleet.observe(PlanFixtures.monday(h, 0), 0);
    }

    assertThat(fleet.learned()).isTrue();
    assertThat(fleet.peakHours()).isEmpty();
  }
}
