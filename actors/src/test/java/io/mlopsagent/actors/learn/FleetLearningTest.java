package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fleet's load on a node whose poller slices each report their own share of the traffic. */
class FleetLearningTest {
  private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration ROUND = Duration.ofMinutes(5);

  /** A daily shape: quiet at night (0.2 of the peak at 03:00), busiest at 15:00. */
  private static double shape(Instant at) {
    double hour = (at.getEpochSecond() % 86_400) / 3_600.0;
    return 0.6 - 0.4 * Math.cos((hour - 3) * Math.PI / 12);
  }

  @Test
  void twoSlicesOfDifferentVolumesButTheSameDailyShapeGiveTheLoadOneSliceWould() {
    FleetLearning oneSlice = new FleetLearning();
    FleetLearning twoSlices = new FleetLearning();

    for (Instant at = MONDAY; at.isBefore(MONDAY.plus(Duration.ofDays(2))); at = at.plus(ROUND)) {
      oneSlice.observeFleet(0, at, 1_000 * shape(at));
      twoSlices.observeFleet(0, at, 3_000 * shape(at));
      twoSlices.observeFleet(1, at, 400 * shape(at));

      assertThat(twoSlices.load()).as("load at %s", at).isCloseTo(oneSlice.load(), within(1e-9));
    }
    // At 23:55 the traffic is 0.39 of the 15:00 peak, which has decayed for nine hours since.
    Instant last = MONDAY.plus(Duration.ofDays(2)).minus(ROUND);
    assertThat(twoSlices.load()).isCloseTo(shape(last) / Math.pow(0.5, 8.9167 / (7 * 24)), within(1e-3));
    // One sample a round, as with one slice; a sample may hold the other slice's previous round.
    for (int h = 0; h < FleetLoadProfile.HOURS; h++) {
      assertThat(twoSlices.profile().samples()[h]).isEqualTo(oneSlice.profile().samples()[h]);
      assertThat(twoSlices.profile().expected(h)).as("hour %d", h)
          .isCloseTo(oneSlice.profile().expected(h), within(0.01));
    }
    assertThat(twoSlices.profile().peakHours()).isEqualTo(oneSlice.profile().peakHours());
    assertThat(twoSlices.profile().peakHours()).contains(15).doesNotContain(3, 23);
  }

  @Test
  void aSliceThatStoppedReportingStopsCountingAfterThreeOfTheOthersRounds() {
    FleetLearning board = new FleetLearning();
    Instant at = MONDAY;
    // Slice 0 at its busiest throughout (load 1); slice 1 was ten times busier an hour ago (load 0.1).
    board.observeFleet(1, at, 1_000);
    for (int round = 0; round < 12; round++) {
      at = at.plus(ROUND);
      board.observeFleet(0, at, 100);
      board.observeFleet(1, at, 100);
    }
    assertThat(board.load()).isCloseTo((1.0 + 0.1) / 2, within(1e-3));

    // Slice 1 moves to another node: one or three missed rounds are not enough to forget it...
    for (int missed = 1; missed <= FleetLearning.SILENT_ROUNDS; missed++) {
      at = at.plus(ROUND);
      board.observeFleet(0, at, 100);
      assertThat(board.load()).as("after %d missed round(s)", missed).isCloseTo(0.55, within(1e-3));
    }
    // ...a fourth is.
    at = at.plus(ROUND);
    board.observeFleet(0, at, 100);
    assertThat(board.load()).isEqualTo(1.0);

    // Back again, it counts again with the peak it had.
    at = at.plus(ROUND);
    board.observeFleet(1, at, 100);
    assertThat(board.load()).isCloseTo(0.55, within(1e-3));
  }

  @Test
  void withOneSliceTheLoadIsTheTrafficsShareOfItsDecayedPeak() {
    FleetLearning board = new FleetLearning();

    board.observeFleet(0, MONDAY, 800);
    board.observeFleet(0, MONDAY.plus(Duration.ofDays(7)), 100);

    // A week later the peak of 800 is remembered as 400.
    assertThat(board.load()).isCloseTo(0.25, within(1e-9));
    assertThat(board.profile().expected(0)).isCloseTo(1.0 + FleetLoadProfile.WEIGHT * (0.25 - 1.0), within(1e-9));
  }

  @Test
  void brokenTrafficFiguresAreIgnored() {
    FleetLearning board = new FleetLearning();
    board.observeFleet(0, MONDAY, 200);

    board.observeFleet(0, MONDAY.plus(ROUND), Double.NaN);
    board.observeFleet(0, MONDAY.plus(ROUND), -5);

    assertThat(board.load()).isEqualTo(1.0);
  }
}
