package io.mlopsagent.actors.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.metrics.MetricKind;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurpriseTest {
  private static final Surprise.Params P = new Surprise.Params(0.985, 50, 6, 20_000, 10);

  private static Observation at(double z) {
    return new Observation(MetricKind.THROUGHPUT_RPS, 1.0, 1.0, 1.0, z, Direction.NONE, true);
  }

  /** A metric's usual life: normal noise, in noise scales. */
  private static Surprise usual(int windows, Random random) {
    Surprise s = Surprise.fresh();
    for (int i = 0; i < windows; i++) {
      s = s.next(at(random.nextGaussian()), P);
    }
    return s;
  }

  @Test
  void usualNoiseIsRarelySurprising() {
    Random random = new Random(1);
    Surprise s = usual(500, random);
    int alarms = 0;
    for (int i = 0; i < 1_000; i++) {
      s = s.next(at(random.nextGaussian()), P);
      alarms += s.score() >= P.alarmAt() ? 1 : 0;
    }
    // Rarity is uniform under the usual noise: about 1.5 % of windows would reach 0.985 undamped.
    assertThat(alarms).isBetween(1, 20);
  }

  @Test
  void aSpikeEitherWayIsAnAlarmAndItsAftermathIsDampedForTheCooldown() {
    for (double spike : new double[] {40, -40}) {
      Surprise s = usual(500, new Random(2)).next(at(spike), P);
      assertThat(s.score()).as("spike %s", spike).isGreaterThanOrEqualTo(P.alarmAt());
      for (int i = 0; i < P.cooldownWindows(); i++) {
        s = s.next(at(spike), P);
        assertThat(s.score()).isLessThan(P.alarmAt());
      }
      s = s.next(at(100 * spike), P);
      assertThat(s.score()).as("after the cooldown").isGreaterThanOrEqualTo(P.alarmAt());
    }
  }

  @Test
  void noiseThatVanishesIsSurprisingThoughNoValueIsFarFromTheBaseline() {
    Surprise s = usual(1_000, new Random(3));
    double highest = 0;
    for (int i = 0; i < 60; i++) {
      s = s.next(at(0.0), P);
      highest = Math.max(highest, s.score());
    }
    assertThat(highest).isGreaterThanOrEqualTo(P.alarmAt());
  }

  @Test
  void aValueBeforeItsBaselineIsWarmScoresNothingAndTeachesNothing() {
    Surprise s = usual(100, new Random(4));
    Observation cold = new Observation(MetricKind.THROUGHPUT_RPS, 1.0, 1.0, 1.0, 99, Direction.ABOVE, false);
    Surprise after = s.next(cold, P);
    assertThat(after.score()).isZero();
    assertThat(after.distances()).isEqualTo(s.distances());
  }
}
