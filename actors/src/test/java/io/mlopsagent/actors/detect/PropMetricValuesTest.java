package io.mlopsagent.actors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a metrics source hands over (NaN, infinities, negatives, 1e308, subnormals, windows out
 * of order or twice), the detectors neither throw nor learn from it: a bad value is a data gap that
 * leaves its metric's state exactly as it was, an old window changes nothing, and every number they
 * produce for a usable value is finite, every surprise score in [0, 1].
 */
class PropMetricValuesTest {
  private static final DetectorParams SEASONAL = DetectorParams.defaults();
  private static final DetectorParams FLAT = DetectorParams.defaults().withSeasonal(false);
  private static final Thresholds THRESHOLDS = Thresholds.seed();

  /** Two days of a healthy model: warm detectors with a learned daily profile, built once. */
  private static ModelBaselines warm;
  private static Instant warmUntil;

  @BeforeContainer
  static void warmUp() {
    SyntheticModel model = new SyntheticModel(11);
    ModelBaselines state = ModelBaselines.empty();
    int windows = 2 * SyntheticModel.WINDOWS_PER_DAY;
    for (int i = 0; i < windows; i++) {
      state = state.observe(model.window(i), SEASONAL, THRESHOLDS).state();
    }
    warm = state;
    warmUntil = SyntheticModel.at(windows - 1);
  }

  /** One window fed: how far after (or before, when negative) the previous one, and its values. */
  record Feed(long millisAfter, double[] values) {
    @Override
    public String toString() {
      // Shrunk counterexamples are read by people: show the values, not the array's identity.
      return "Feed[+" + millisAfter + " ms, " + java.util.Arrays.toString(values) + "]";
    }
  }

  @Property(tries = 300)
  void hostileWindowsNeverThrowNorTeachAnything(
      @ForAll("feeds") List<Feed> feeds, @ForAll boolean fromWarm, @ForAll boolean seasonal) {
    DetectorParams params = seasonal ? SEASONAL : FLAT;
    ModelBaselines state = fromWarm ? warm : ModelBaselines.empty();
    Instant at = fromWarm ? warmUntil : SyntheticModel.T0;
    for (Feed feed : feeds) {
      at = at.plusMillis(feed.millisAfter());
      MetricWindow window = new MetricWindow(at, feed.values()[0], feed.values()[1], feed.values()[2],
          feed.values()[3], feed.values()[4]);
      ModelBaselines before = state;
      DetectionStep[] step = new DetectionStep[1];
      assertThatCode(() -> step[0] = before.observe(window, params, THRESHOLDS)).as("window %s", window)
          .doesNotThrowAnyException();
      checkStep(before, window, step[0]);
      boolean stale = before.lastAt() != null && !window.at().isAfter(before.lastAt());
      Statistics.label("windows").collect(stale ? "out of order or repeated"
          : step[0].gap().hasGaps() ? "with a data gap" : "all values usable");
      state = step[0].state();
    }
  }

  private static void checkStep(ModelBaselines before, MetricWindow window, DetectionStep step) {
    ModelBaselines after = step.state();
    if (before.lastAt() != null && !window.at().isAfter(before.lastAt())) {
      // Out of order or a repeat: the whole window is a gap and nothing moves, streaks included.
      assertThat(after).isSameAs(before);
      assertThat(step.observations()).isEmpty();
      assertThat(step.signals()).isEmpty();
      assertThat(step.gap().byKind().values()).hasSize(MetricKind.values().length)
          .allMatch(e -> e.reason() == DataGap.Reason.OUT_OF_ORDER);
      return;
    }
    for (MetricKind kind : MetricKind.values()) {
      double value = window.value(kind);
      if (kind.accepts(value)) {
        Observation o = step.observations().get(kind);
        assertThat(o).as("%s = %s is usable and judged", kind, value).isNotNull();
        assertThat(o.score()).as("score of %s = %s", kind, value).isFinite();
        if (before.of(kind).count() > 0) {
          assertThat(o.expected()).as("expected %s before %s", kind, value).isFinite();
          assertThat(o.scale()).as("noise scale of %s before %s", kind, value).isFinite().isPositive();
        }
        MetricBaseline learned = after.of(kind);
        assertThat(learned.level()).as("level of %s after %s", kind, value).isFinite();
        assertThat(learned.deviation()).as("deviation of %s after %s", kind, value).isFinite();
        assertThat(learned.noiseScale()).as("noise scale of %s after %s", kind, value).isFinite();
        assertThat(java.util.Arrays.stream(learned.daily().offsets()).allMatch(Double::isFinite))
            .as("daily offsets of %s after %s all finite", kind, value).isTrue();
      } else {
        DataGap.Entry gap = step.gap().byKind().get(kind);
        assertThat(gap).as("%s = %s is a gap", kind, value).isNotNull();
        assertThat(gap.reason()).isEqualTo(Double.isNaN(value) ? DataGap.Reason.MISSING : DataGap.Reason.INVALID);
        assertThat(step.observations()).doesNotContainKey(kind);
        // The state of that metric is exactly what it was: nothing learned, nothing surprising.
        assertThat(after.of(kind)).isSameAs(before.of(kind));
        assertThat(after.surprises().get(kind)).isEqualTo(before.surprises().get(kind));
        for (Signal signal : Signal.values()) {
          if (signal.metric() == kind) {
            assertThat(after.streak(signal)).as("streak of %s", signal).isEqualTo(before.streak(signal));
          }
        }
      }
      assertThat(after.surprise(kind)).as("surprise of %s after %s", kind, value).isBetween(0.0, 1.0);
    }
  }

  /** The shrunk counterexample: 1e308 was a usable latency and overflowed the noise scale to infinity. */
  @Example
  void aLatencyOf1e308IsADataGapAndTheBaselineStaysFinite() {
    ModelBaselines state = ModelBaselines.empty();
    state = state.observe(new MetricWindow(SyntheticModel.T0, 0.9, 0.1, 0.0, 150, 0.3), SEASONAL, THRESHOLDS).state();
    DetectionStep step = state.observe(new MetricWindow(SyntheticModel.T0.plusSeconds(10), 0.9, 1e308, 0.0, 150, 0.3),
        SEASONAL, THRESHOLDS);

    assertThat(step.gap().byKind().get(MetricKind.LATENCY_P95_SECONDS).reason()).isEqualTo(DataGap.Reason.INVALID);
    assertThat(step.state().of(MetricKind.LATENCY_P95_SECONDS)).isSameAs(state.of(MetricKind.LATENCY_P95_SECONDS));
    assertThat(step.state().of(MetricKind.LATENCY_P95_SECONDS).noiseScale()).isFinite();
  }

  @Property(tries = 500)
  void surpriseStaysBetweenZeroAndOneForAnyFiniteDistance(
      @ForAll("distances") List<Double> scores,
      @ForAll @DoubleRange(min = 0.5, max = 0.99) double alarmAt,
      @ForAll @IntRange(min = 0, max = 500) int cooldown,
      @ForAll @DoubleRange(min = 1, max = 1e6) double halfLife,
      @ForAll @DoubleRange(min = 1, max = 1e6) double escalation) {
    Surprise.Params params = new Surprise.Params(alarmAt, cooldown, halfLife, 100, escalation);
    Surprise s = Surprise.fresh();
    for (double z : scores) {
      Observation o = new Observation(MetricKind.LATENCY_P95_SECONDS, 1, 1, 1, z, Direction.NONE, true);
      s = s.next(o, params);
      assertThat(s.score()).as("after z = %s", z).isBetween(0.0, 1.0);
      assertThat(s.recentDistance()).as("recent distance after z = %s", z).isFinite();
      assertThat(s.alarmRarity()).isBetween(0.0, 1.0);
    }
  }

  @Provide
  Arbitrary<List<Feed>> feeds() {
    Arbitrary<Long> gaps = Arbitraries.frequencyOf(
        Tuple.of(70, Arbitraries.just(10_000L)),                       // the usual 10 s step
        Tuple.of(8, Arbitraries.just(0L)),                              // the same window again
        Tuple.of(8, Arbitraries.longs().between(-Duration.ofDays(30).toMillis(), -1)), // out of order
        Tuple.of(7, Arbitraries.longs().between(1, 999)),               // closer than a step
        Tuple.of(7, Arbitraries.longs().between(1, Duration.ofDays(3650).toMillis()))); // an outage
    Arbitrary<double[]> values = Combinators.combine(value(0.9, 0.95),
            value(0.1, 0.15), value(0.0, 0.02),
            value(150, 250), value(0.3, 0.7))
        .as((a, l, e, t, c) -> new double[] {a, l, e, t, c});
    return Combinators.combine(gaps, values).as(Feed::new).list().ofMinSize(1).ofMaxSize(60);
  }

  /** Mostly a plausible value, often a hostile one, sometimes any double at all. */
  private static Arbitrary<Double> value(double low, double high) {
    return Arbitraries.frequencyOf(
        Tuple.of(60, Arbitraries.doubles().between(low, high)),
        Tuple.of(30, hostile()),
        Tuple.of(10, Arbitraries.doubles().withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY).withSpecialValue(Double.NEGATIVE_INFINITY)));
  }

  /** The values a broken exporter sends, and each metric's range ends with what lies just beyond them. */
  private static Arbitrary<Double> hostile() {
    return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, -1e-12, -1.0,
        -1e308, -Double.MAX_VALUE, 1e308, Double.MAX_VALUE, Double.MIN_VALUE, 1e-310, Double.MIN_NORMAL,
        0.0, 1e300, 1e-300, 1.0, Math.nextUp(1.0), 1_000.0, Math.nextUp(1_000.0), 1e6, Math.nextUp(1e6),
        1e12, Math.nextUp(1e12));
  }

  @Provide
  Arbitrary<List<Double>> distances() {
    Arbitrary<Double> z = Arbitraries.frequencyOf(
        Tuple.of(60, Arbitraries.doubles().between(-4, 4)),
        Tuple.of(20, Arbitraries.of(0.0, -0.0, 1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.MIN_VALUE, 1e-310, 1e6, -1e6)),
        Tuple.of(20, Arbitraries.doubles()));
    return z.list().ofMinSize(1).ofMaxSize(300);
  }
}
