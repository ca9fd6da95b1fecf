package io.mlopsagent.actors.analysis;

import static io.mlopsagent.actors.metrics.MetricKind.ACCURACY;
import static io.mlopsagent.actors.metrics.MetricKind.ERROR_RATE;
import static io.mlopsagent.actors.metrics.MetricKind.LATENCY_P95_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisRunTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  private static MetricWindow window(double accuracy, double latency, double errorRate) {
    return new MetricWindow(T0, accuracy, latency, errorRate, 100, 0.5);
  }

  private static final MetricWindow GOOD = window(0.92, 0.120, 0.002);
  private static final MetricWindow STABLE = window(0.91, 0.110, 0.003);

  private static AnalysisMetric accuracy(int count) {
    return AnalysisMetric.of("accuracy", ACCURACY, Condition.absolute(ACCURACY, Comparison.AT_LEAST, 0.85), null)
        .withCount(count);
  }

  private static AnalysisMetric latency(int count) {
    return AnalysisMetric.of("latency", LATENCY_P95_SECONDS,
        Condition.absolute(LATENCY_P95_SECONDS, Comparison.AT_MOST, 0.2), null).withCount(count);
  }

  /** Inconclusive between 1 % and 5 % errors. */
  private static AnalysisMetric errorRate(int count) {
    return AnalysisMetric.of("error-rate", ERROR_RATE, Condition.absolute(ERROR_RATE, Comparison.AT_MOST, 0.01),
        Condition.absolute(ERROR_RATE, Comparison.ABOVE, 0.05)).withCount(count);
  }

  /** Errs at once without a stable window. */
  private static AnalysisMetric latencyVsStable(int count) {
    return AnalysisMetric.of("latency-vs-stable", LATENCY_P95_SECONDS,
            Condition.relative(LATENCY_P95_SECONDS, Comparison.AT_MOST, 1.2), null)
        .withCount(count).withConsecutiveErrorLimit(0);
  }

  private static AnalysisRun measureTimes(AnalysisRun run, int times, MetricWindow canary, MetricWindow stable) {
    for (int i = 0; i < times; i++) {
      run = run.measure(T0.plusSeconds(10L * i), canary, stable);
    }
    return run;
  }

  @Test
  void runsUntilEveryMetricHasItsCountThenSucceeds() {
    AnalysisRun run = AnalysisRun.of(List.of(accuracy(2), latency(3)));

    AnalysisRun twice = measureTimes(run, 2, GOOD, STABLE);
    assertThat(twice.phase()).isEqualTo(AnalysisPhase.RUNNING);
    assertThat(twice.metrics().get(0).phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    assertThat(twice.reason()).startsWith("running: 'accuracy' Successful, count (2) reached");

    AnalysisRun done = measureTimes(run, 3, GOOD, STABLE);
    assertThat(done.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    assertThat(done.metrics().get(0).count()).as("a completed metric is measured no more").isEqualTo(2);
    assertThat(done.reason()).startsWith("all 2 metrics successful: 'accuracy' count (2) reached");
  }

  @Test
  void theWorstPhaseWinsFailedOverErrorOverInconclusive() {
    MetricWindow slowAndNoisy = window(0.92, 0.300, 0.03);

    AnalysisRun all = AnalysisRun.of(List.of(accuracy(3), errorRate(3), latencyVsStable(3), latency(3)));
    AnalysisRun noFailure = AnalysisRun.of(List.of(accuracy(3), errorRate(3), latencyVsStable(3)));
    AnalysisRun onlyInconclusive = AnalysisRun.of(List.of(accuracy(3), errorRate(3)));

    assertThat(all.measure(T0, slowAndNoisy, null).phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(noFailure.measure(T0, slowAndNoisy, null).phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(onlyInconclusive.measure(T0, slowAndNoisy, null).phase()).isEqualTo(AnalysisPhase.INCONCLUSIVE);
  }

  @Test
  void precedenceIsArgosFromSuccessfulToFailed() {
    assertThat(AnalysisPhase.FAILED.isWorseThan(AnalysisPhase.ERROR)).isTrue();
    assertThat(AnalysisPhase.ERROR.isWorseThan(AnalysisPhase.INCONCLUSIVE)).isTrue();
    assertThat(AnalysisPhase.INCONCLUSIVE.isWorseThan(AnalysisPhase.RUNNING)).isTrue();
    assertThat(AnalysisPhase.RUNNING.isWorseThan(AnalysisPhase.SUCCESSFUL)).isTrue();
    assertThat(AnalysisPhase.SUCCESSFUL.isWorseThan(AnalysisPhase.SUCCESSFUL)).isFalse();
  }

  @Test
  void aFailedMetricEndsTheRunAtOnceAndTheOthersStopAsSuccessful() {
    AnalysisRun run = AnalysisRun.of(List.of(accuracy(5), latency(5)));

    AnalysisRun failed = run.measure(T0, window(0.92, 0.250, 0.0), STABLE);

    assertThat(failed.phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(failed.metrics().get(0).phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    assertThat(failed.metrics().get(0).message()).startsWith("run terminated after 1 successful");
    assertThat(failed.reason()).isEqualTo("metric 'latency' assessed Failed due to failed (1) > failureLimit (0); "
        + "latest measurement at 2026-11-23T00:00:00Z: latencyP95Seconds 0.25 does not meet success condition "
        + "latencyP95Seconds <= 0.2");
    assertThat(failed.measure(T0.plusSeconds(10), GOOD, STABLE)).isEqualTo(failed);
  }

  @Test
  void onlyErrorsErrTheRunOnTheFifthWindowAsArgosDefaultLimitIsFour() {
    AnalysisRun run = AnalysisRun.of(List.of(accuracy(3)));

    assertThat(measureTimes(run, 4, null, null).phase()).isEqualTo(AnalysisPhase.RUNNING);
    AnalysisRun errored = measureTimes(run, 5, null, null);
    assertThat(errored.phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(errored.reason()).startsWith("metric 'accuracy' assessed Error due to consecutiveErrors (5) > "
        + "consecutiveErrorLimit (4)").endsWith("no window of the version under analysis");
  }

  @Test
  void anAnalysisWithoutMetricsIsAnErrorAsInArgo() {
    AnalysisRun run = AnalysisRun.of(List.of());

    assertThat(run.phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(run.reason()).isEqualTo("analysis spec invalid: no metrics specified");
    assertThat(run.measure(T0, GOOD, STABLE)).isEqualTo(run);
  }

  @Test
  void aMetricWithoutConditionsSucceedsOnEveryValueAsArgosEvaluatorDoes() {
    AnalysisRun run = AnalysisRun.of(List.of(AnalysisMetric.of("throughput", ERROR_RATE, null, null).withCount(2)));

    assertThat(measureTimes(run, 2, window(0.1, 5.0, 0.9), null).phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
  }

  @Test
  void aRunWithoutCountsGoesOnUntilTerminated() {
    AnalysisRun run = measureTimes(AnalysisTemplate.seedDefaults().start(), 20, GOOD, STABLE);

    assertThat(run.phase()).isEqualTo(AnalysisPhase.RUNNING);
    assertThat(run.terminate().phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
  }

  @Test
  void theSeedDefaultsJudgeLatencyAgainstTheStableVersion() {
    AnalysisRun run = AnalysisTemplate.seedDefaults().withCountWhereUnset(3).start();

    assertThat(measureTimes(run, 3, GOOD, STABLE).phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    AnalysisRun slowerThanStable = run.measure(T0, window(0.92, 0.150, 0.002), STABLE);
    assertThat(slowerThanStable.phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(slowerThanStable.reason()).startsWith("metric 'latency-p95-vs-stable' assessed Failed");
    assertThat(measureTimes(run, 5, GOOD, null).phase()).as("no stable window: errors, then Error")
        .isEqualTo(AnalysisPhase.ERROR);
  }

  @Test
  void theSeedDefaultsHoldTheFourCriteria() {
    AnalysisTemplate seed = AnalysisTemplate.seedDefaults();

    assertThat(seed.metrics()).extracting(AnalysisMetric::name)
        .containsExactly("accuracy", "latency-p95", "error-rate", "latency-p95-vs-stable");
    assertThat(seed.metrics()).extracting(m -> m.success().describe())
        .containsExactly("accuracy >= 0.85", "latencyP95Seconds <= 0.2", "errorRate <= 0.01",
            "latencyP95Seconds <= 1.2 × stable");
    assertThat(seed.metrics()).allSatisfy(m -> {
      assertThat(m.count()).isZero();
      assertThat(m.failureLimit()).isZero();
      assertThat(m.inconclusiveLimit()).isZero();
      assertThat(m.consecutiveErrorLimit()).isEqualTo(4);
    });
  }

  @Test
  void rejectsTemplatesWithoutMetricsOrWithDuplicateNames() {
    assertThatThrownBy(() -> new AnalysisTemplate("t", List.of()))
        .hasMessage("analysis template 't': metrics was empty, allowed is at least one metric");
    assertThatThrownBy(() -> new AnalysisTemplate("t", List.of(accuracy(1), accuracy(2))))
        .hasMessage("analysis template 't': metric name 'accuracy' appears twice, allowed are unique names");
  }
}
