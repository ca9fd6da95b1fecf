package io.mlopsagent.actors.detect;

import static io.mlopsagent.actors.detect.SyntheticModel.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsagent.actors.metrics.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One metric's detector on its own: scoring, pace of learning, freezing. */
class MetricBaselineTest {
  private static final MetricKind KIND = MetricKind.LATENCY_P95_SECONDS;
  private static final DetectorParams PARAMS = DetectorParams.defaults().withSeasonal(false);

  private final SplittableRandom random = new SplittableRandom(3);

  /** A baseline that learned {@code n} noisy values around 0.1, {@code step} apart from T0. */
  private MetricBaseline learned(int n, Duration step) {
    MetricBaseline b = MetricBaseline.empty();
    for (int i = 0; i < n; i++) {
      b = b.learn(T0.plus(step.multipliedBy(i)), 0.1 + 0.01 * random.nextGaussian(), PARAMS);
    }
    return b;
  }

  @Test
  void firstValueHasNoExpectationButAFiniteScore() {
    Observation first = MetricBaseline.empty().observe(KIND, T0, 0.3, PARAMS);

    assertThat(first.expected()).isNaN();
    assertThat(first.score()).isZero();
    assertThat(first.direction()).isEqualTo(Direction.NONE);
    assertThat(first.warm()).isFalse();
  }

  @Test
  void eachValueIsScoredAgainstTheStateBeforeItIsLearned() {
    MetricBaseline before = learned(100, Duration.ofSeconds(10));
    Instant at = T0.plusSeconds(1_000);

    Observation o = before.observe(KIND, at, 0.5, PARAMS);
    MetricBaseline after = before.learn(at, 0.5, PARAMS);

    assertThat(o.expected()).isEqualTo(before.expected(at, PARAMS));
    assertThat(after.expected(at, PARAMS)).isGreaterThan(o.expected());
    assertThat(o.score()).isEqualTo((0.5 - o.expected()) / o.scale());
    assertThat(o.scale()).isCloseTo(0.01, within(0.002));
  }

  @Test
  void learningPaceFollowsObservationTimeNotWindowCount() {
    // Two days of history, then six hours (one half-life) at a level 0.02 higher, fed at 10 s and
    // at 60 s cadence: both move about half-way although one saw six times more windows.
    double[] levels = new double[2];
    int[] stepSeconds = {10, 60};
    for (int run = 0; run < 2; run++) {
      Duration step = Duration.ofSeconds(stepSeconds[run]);
      int history = (int) (Duration.ofDays(2).toSeconds() / stepSeconds[run]);
      int shifted = (int) (Duration.ofHours(6).toSeconds() / stepSeconds[run]);
      MetricBaseline b = learned(history, step);
      for (int i = history; i < history + shifted; i++) {
        b = b.learn(T0.plus(step.multipliedBy(i)), 0.12 + 0.01 * random.nextGaussian(), PARAMS);
      }
      levels[run] = b.level();
    }

    assertThat(levels[0]).isCloseTo(0.11, within(0.002));
    assertThat(levels[1]).isCloseTo(levels[0], within(0.002));
  }

  @Test
  void scoreStaysFiniteForAConstantSeriesAndForAbsurdValues() {
    MetricBaseline zero = MetricBaseline.empty();
    for (int i = 0; i < 50; i++) {
      zero = zero.learn(T0.plusSeconds(10L * i), 0.0, PARAMS);
    }

    Observation tiny = zero.observe(MetricKind.ERROR_RATE, T0.plusSeconds(500), 0.001, PARAMS);
    Observation huge = learned(50, Duration.ofSeconds(10))
        .observe(KIND, T0.plusSeconds(500), Double.MAX_VALUE, PARAMS);

    assertThat(tiny.score()).isFinite().isPositive();
    assertThat(huge.score()).isFinite().isPositive();
    assertThat(huge.direction()).isEqualTo(Direction.ABOVE);
  }

  @Test
  void singleSpikeMovesTheLevelByAFractionOfItsClippedSize() {
    MetricBaseline b = learned(17_280, Duration.ofSeconds(10));
    Instant at = T0.plus(Duration.ofDays(2));

    MetricBaseline spiked = b.learn(at, 100.0, PARAMS); // ten thousand noise scales away

    double gain = -Math.expm1(-Math.log(2) * 10 / Duration.ofHours(6).toSeconds());
    double clippedMove = gain * PARAMS.outlierClip() * b.noiseScale();
    assertThat(spiked.level() - b.level()).isCloseTo(clippedMove, within(1e-12));
    assertThat(spiked.noiseScale()).isLessThan(1.001 * b.noiseScale());
  }

  @Test
  void directionIsSetOnlyBeyondTheOutlierClip() {
    MetricBaseline b = learned(500, Duration.ofSeconds(10));
    Instant at = T0.plusSeconds(10_000);
    double expected = b.expected(at, PARAMS);
    double scale = b.noiseScale();

    assertThat(b.observe(KIND, at, expected + 2 * scale, PARAMS).direction()).isEqualTo(Direction.NONE);
    assertThat(b.observe(KIND, at, expected + 4 * scale, PARAMS).direction()).isEqualTo(Direction.ABOVE);
    assertThat(b.observe(KIND, at, expected - 4 * scale, PARAMS).direction()).isEqualTo(Direction.BELOW);
  }

  @Test
  void heldBaselineResumesAtItsNormalPaceWithoutCatchingUpTheFrozenTime() {
    MetricBaseline b = learned(17_280, Duration.ofSeconds(10));
    Instant at = T0.plus(Duration.ofDays(2));
    MetricBaseline held = b;
    for (int i = 0; i < 5 * 360; i++) { // five hours frozen
      at = at.plusSeconds(10);
      held = held.hold(at, 0.3, PARAMS);
    }
    assertThat(held.held()).isTrue();
    assertThat(held.level()).isEqualTo(b.level());
    assertThat(held.heldLevel()).isCloseTo(0.3, within(1e-9));

    MetricBaseline released = held.learn(at.plusSeconds(10), 0.3, PARAMS);

    // One 10 s step can move the level by at most gain(10 s) x clip x scale, not by half the gap.
    assertThat(released.held()).isFalse();
    assertThat(released.level() - b.level()).isLessThan(0.001 * b.noiseScale());
  }
}
