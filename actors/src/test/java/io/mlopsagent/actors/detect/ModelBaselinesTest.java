package io.mlopsagent.actors.detect;

import static io.mlopsagent.actors.detect.SyntheticModel.WINDOWS_PER_DAY;
import static io.mlopsagent.actors.detect.SyntheticModel.WINDOWS_PER_HOUR;
import static io.mlopsagent.actors.detect.SyntheticModel.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsagent.actors.metrics.MetricKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed's rules on top of the learned baselines, one model at a time. */
class ModelBaselinesTest {
  private static final MetricKind LATENCY = MetricKind.LATENCY_P95_SECONDS;
  /** Two days of history: every detector is warm and past learning its daily profile. */
  private static final int HISTORY = 2 * WINDOWS_PER_DAY;

  private final SyntheticModel model = new SyntheticModel(42);
  private final DetectorRun run = DetectorRun.withDefaults();

  @Test
  void flatNoisySeriesWithRareSpikesFiresNoSignalOverTenDays() {
    SplittableRandom spikes = new SplittableRandom(7);
    int injected = 0;
    for (long i = 0; i < 10L * WINDOWS_PER_DAY; i++) {
      var w = model.window(i);
      if (spikes.nextInt(2_000) == 0) { // a lone bad scrape now and then: latency x5
        w = with(w, LATENCY, w.latencyP95Seconds() * 5);
        injected++;
      }
      run.feed(w);
    }

    assertThat(injected).isGreaterThan(20);
    assertThat(run.firings).isEmpty();
    assertThat(run.state.of(LATENCY).level()).isCloseTo(SyntheticModel.LATENCY, within(0.002));
  }

  @Test
  void singleOutlierBarelyMovesTheBaselineAndFiresNoRule() {
    run.feedHealthy(model, 0, HISTORY);
    MetricKind throughput = MetricKind.THROUGHPUT_RPS; // no rule: the spike is learned, clipped
    MetricBaseline latencyBefore = run.state.of(LATENCY);
    MetricBaseline throughputBefore = run.state.of(throughput);

    var w = model.window(HISTORY);
    DetectionStep spike = run.feed(with(with(w, LATENCY, 10 * SyntheticModel.LATENCY),
        throughput, 10 * SyntheticModel.THROUGHPUT));
    DetectionStep after = run.feed(model.window(HISTORY + 1));

    assertThat(spike.observations().get(LATENCY).direction()).isEqualTo(Direction.ABOVE);
    assertThat(spike.observations().get(throughput).direction()).isEqualTo(Direction.ABOVE);
    assertThat(spike.signals()).isEmpty();
    assertThat(spike.streak(Signal.LATENCY_DEGRADED)).isEqualTo(1);
    assertThat(after.streak(Signal.LATENCY_DEGRADED)).isZero();
    assertThat(run.firings).isEmpty();
    assertThat(movedInNoiseScales(latencyBefore, run.state.of(LATENCY))).isLessThan(0.01);
    assertThat(movedInNoiseScales(throughputBefore, run.state.of(throughput))).isLessThan(0.01);
  }

  private static double movedInNoiseScales(MetricBaseline before, MetricBaseline after) {
    return Math.abs(after.level() - before.level()) / before.noiseScale();
  }

  @Test
  void sustainedLatencyDoublingFiresAfterExactlyConsecutiveWindows() {
    run.feedHealthy(model, 0, HISTORY);
    List<DetectionStep> steps = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      long i = HISTORY + k;
      steps.add(run.feed(with(model.window(i), LATENCY, 2 * SyntheticModel.LATENCY)));
    }

    assertThat(steps.get(0).fired(Signal.LATENCY_DEGRADED)).isFalse();
    assertThat(steps.get(1).fired(Signal.LATENCY_DEGRADED)).isFalse();
    assertThat(steps.get(2).signals()).containsEntry(Signal.LATENCY_DEGRADED, 3);
    assertThat(steps.get(4).signals()).containsEntry(Signal.LATENCY_DEGRADED, 5);
    assertThat(steps.get(4).signals()).containsOnlyKeys(Signal.LATENCY_DEGRADED);
  }

  @ParameterizedTest(name = "accuracy {0} below baseline fires: {1}")
  @CsvSource({"0.08, true", "0.03, false"})
  void accuracyDropFiresOnlyBeyondFivePoints(double drop, boolean fires) {
    run.feedHealthy(model, 0, HISTORY);
    for (int k = 0; k < 200; k++) {
      long i = HISTORY + k;
      var w = model.window(i);
      run.feed(with(w, MetricKind.ACCURACY, w.accuracy() - drop));
    }

    assertThat(run.firings(Signal.ACCURACY_DEGRADED)).isEqualTo(fires ? 198 : 0);
    assertThat(run.firings).containsOnlyKeys(fires ? List.of(Signal.ACCURACY_DEGRADED) : List.of());
  }

  @Test
  void errorRateRiseOfThreePointsFires() {
    run.feedHealthy(model, 0, HISTORY);
    DetectionStep last = null;
    for (int k = 0; k < 3; k++) {
      var w = model.window(HISTORY + k);
      last = run.feed(with(w, MetricKind.ERROR_RATE, w.errorRate() + 0.03));
    }

    assertThat(last.signals()).containsOnlyKeys(Signal.ERROR_RATE_DEGRADED);
  }

  @ParameterizedTest(name = "CPU at {0} fires {1}")
  @CsvSource({"0.85, CPU_SATURATED", "0.10, CPU_IDLE"})
  void absoluteCpuRulesFireWithoutWarmup(double cpu, Signal expected) {
    List<DetectionStep> steps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      steps.add(run.feed(with(model.window(i), MetricKind.CPU_UTILIZATION, cpu)));
    }

    assertThat(steps.get(2).observations().get(MetricKind.CPU_UTILIZATION).warm()).isFalse();
    assertThat(steps.get(1).signals()).isEmpty();
    assertThat(steps.get(2).signals()).containsOnlyKeys(expected);
  }

  @Test
  void relativeRulesWaitUntilTheDetectorIsWarm() {
    int warmup = run.params.warmupWindows();
    run.feedHealthy(model, 0, 5);
    for (int i = 5; i < warmup; i++) {
      DetectionStep step = run.feed(with(model.window(i), LATENCY, 3 * SyntheticModel.LATENCY));
      assertThat(step.observations().get(LATENCY).warm()).isFalse();
      assertThat(step.streak(Signal.LATENCY_DEGRADED)).isZero();
    }
    assertThat(run.firings).isEmpty();
  }

  @Test
  void breachStreakTellsHowLongASignalHasBeenSustained() {
    DetectionStep step = null;
    for (int i = 0; i < 30; i++) {
      step = run.feed(with(model.window(i), MetricKind.CPU_UTILIZATION, 0.9));
      if (i == 28) {
        assertThat(step.sustained(Signal.CPU_SATURATED, 30)).isFalse();
      }
    }

    assertThat(step.streak(Signal.CPU_SATURATED)).isEqualTo(30);
    assertThat(step.sustained(Signal.CPU_SATURATED, 30)).isTrue();
    assertThat(run.feed(model.window(30)).streak(Signal.CPU_SATURATED)).isZero();
  }

  @Test
  void incidentIsNotAbsorbedIntoTheBaseline() {
    run.feedHealthy(model, 0, HISTORY);
    MetricBaseline before = run.state.of(LATENCY);
    long i = HISTORY;
    for (; i < HISTORY + 3 * WINDOWS_PER_HOUR; i++) {
      run.feed(with(model.window(i), LATENCY, 2 * SyntheticModel.LATENCY));
    }
    assertThat(run.state.of(LATENCY).held()).isTrue();
    assertThat(run.state.of(LATENCY).level()).isEqualTo(before.level());
    assertThat(run.firings(Signal.LATENCY_DEGRADED)).isEqualTo(3 * WINDOWS_PER_HOUR - 2);

    DetectionStep recovered = run.feed(model.window(i));

    assertThat(recovered.signals()).isEmpty();
    assertThat(recovered.observations().get(LATENCY).expected())
        .isCloseTo(SyntheticModel.LATENCY, within(0.002));
    assertThat(run.state.of(LATENCY).held()).isFalse();
  }

  @Test
  void persistentShiftIsAcceptedAsTheNewNormalAfterAcceptShiftAfter() {
    run.feedHealthy(model, 0, HISTORY);
    Duration after = run.params.acceptShiftAfter();
    long shiftWindows = after.toSeconds() / SyntheticModel.STEP.toSeconds();
    List<DetectionStep> steps = new ArrayList<>();
    for (long k = 0; k <= shiftWindows + 10; k++) {
      var w = model.window(HISTORY + k);
      steps.add(run.feed(with(w, LATENCY, 2 * w.latencyP95Seconds())));
    }

    // The freeze began with the first breaching window; six hours later it gives way.
    assertThat(steps.get((int) shiftWindows - 1).fired(Signal.LATENCY_DEGRADED)).isTrue();
    assertThat(steps.get((int) shiftWindows).acceptedShifts()).containsExactly(LATENCY);
    assertThat(steps.subList((int) shiftWindows + 1, steps.size()))
        .allSatisfy(s -> assertThat(s.signals()).isEmpty());
    assertThat(run.state.of(LATENCY).level()).isCloseTo(2 * SyntheticModel.LATENCY, within(0.003));
  }
}
