package io.mlopsagent.actors.detect;

import static io.mlopsagent.actors.detect.SyntheticModel.WINDOWS_PER_DAY;
import static io.mlopsagent.actors.detect.SyntheticModel.WINDOWS_PER_HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Daily shapes are learned where a series has one, and only there. */
class SeasonalityTest {
  private static final MetricKind LATENCY = MetricKind.LATENCY_P95_SECONDS;
  private static final int DAYS = 7;
  /** The profile is in use after a day and a half; from day 2 on the detector is expected to know. */
  private static final int LEARNED_FROM = 2 * WINDOWS_PER_DAY;

  private final SyntheticModel model = new SyntheticModel(11);

  /** Traffic of the i-th window: a daily wave of +-40 % around its mean, peaking at 14:00 UTC. */
  private static double traffic(long i) {
    double hours = (double) i / WINDOWS_PER_HOUR;
    return 1 + 0.4 * Math.sin(2 * Math.PI * (hours - 8) / 24);
  }

  /**
   * A model whose p95 latency follows its traffic like a queue at utilisation 0.55 x traffic: from
   * 0.075 s at night to 0.22 s at the peak, about 1.6 times its daily mean.
   */
  private MetricWindow trafficDriven(long i) {
    MetricWindow healthy = model.window(i);
    double latency = 0.05 / (1 - 0.55 * traffic(i)) * (1 + model.noise(0.03));
    double throughput = SyntheticModel.THROUGHPUT * traffic(i) * (1 + model.noise(0.05));
    return SyntheticModel.with(
        SyntheticModel.with(healthy, LATENCY, latency), MetricKind.THROUGHPUT_RPS, throughput);
  }

  @Test
  void dailySeasonalLatencyDoesNotFireAtItsPeakOnceLearned() {
    DetectorRun run = DetectorRun.withDefaults();
    double worstPeakRatio = 0;
    for (long i = 0; i < DAYS * WINDOWS_PER_DAY; i++) {
      DetectionStep step = run.feed(trafficDriven(i));
      assertThat(step.acceptedShifts()).isEmpty();
      if (i == LEARNED_FROM) {
        run.firings.clear(); // the first day and a half may fire: nothing is known about the day yet
      }
      Observation o = step.observations().get(LATENCY);
      if (i >= LEARNED_FROM && DailyProfile.hourOf(SyntheticModel.at(i)) == 14) {
        worstPeakRatio = Math.max(worstPeakRatio, o.value() / o.expected());
      }
    }

    assertThat(run.firings).isEmpty();
    assertThat(worstPeakRatio).isBetween(1.0, 1.25);
    assertThat(run.state.of(LATENCY).seasonalInUse(run.params)).isTrue();
    assertThat(run.state.of(MetricKind.THROUGHPUT_RPS).seasonalInUse(run.params)).isTrue();
  }

  @Test
  void sameSeriesFiresAtItsPeakWithoutSeasonality() {
    DetectorRun run = new DetectorRun(DetectorParams.defaults().withSeasonal(false), Thresholds.seed());
    Set<Integer> firingHours = new TreeSet<>();
    for (long i = 0; i < DAYS * WINDOWS_PER_DAY; i++) {
      DetectionStep step = run.feed(trafficDriven(i));
      if (i >= LEARNED_FROM && step.fired(Signal.LATENCY_DEGRADED)) {
        firingHours.add(DailyProfile.hourOf(SyntheticModel.at(i)));
      }
    }

    assertThat(firingHours).contains(14).allSatisfy(h -> assertThat(h).isBetween(8, 20));
    assertThat(run.state.of(LATENCY).seasonalInUse(run.params)).isFalse();
  }

  @Test
  void flatSeriesGetsNoSeasonalComponent() {
    DetectorRun run = DetectorRun.withDefaults();
    run.feedHealthy(model, 0, DAYS * WINDOWS_PER_DAY);

    for (MetricKind kind : MetricKind.values()) {
      MetricBaseline baseline = run.state.of(kind);
      assertThat(baseline.daily().covered()).as("%s covered", kind).isTrue();
      assertThat(baseline.seasonalInUse(run.params)).as("%s seasonal", kind).isFalse();
      assertThat(baseline.expected(SyntheticModel.at(DAYS * WINDOWS_PER_DAY), run.params))
          .isEqualTo(baseline.level());
    }
  }

  @Test
  void dailyProfileIsNotUsedBeforeEveryHourIsLearned() {
    DetectorRun run = DetectorRun.withDefaults();
    Set<MetricKind> inUse = EnumSet.noneOf(MetricKind.class);
    for (long i = 0; i < WINDOWS_PER_DAY; i++) {
      run.feed(trafficDriven(i));
      if (run.state.of(LATENCY).seasonalInUse(run.params)) {
        inUse.add(LATENCY);
      }
    }

    assertThat(run.state.of(LATENCY).daily().covered()).isFalse();
    assertThat(inUse).isEmpty();
  }
}
