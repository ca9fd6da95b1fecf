package io.mlopsagent.actors.analysis;

import static io.mlopsagent.actors.metrics.MetricKind.ACCURACY;
import static io.mlopsagent.actors.metrics.MetricKind.ERROR_RATE;
import static io.mlopsagent.actors.metrics.MetricKind.LATENCY_P95_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeasurementAssessorTest {
  private static final Instant AT = Instant.parse("2026-11-23T00:00:00Z");
  private static final Condition ERROR_RATE_OK = Condition.absolute(ERROR_RATE, Comparison.AT_MOST, 0.01);
  private static final Condition ERROR_RATE_BAD = Condition.absolute(ERROR_RATE, Comparison.ABOVE, 0.05);

  private static MetricWindow window(double accuracy, double latency, double errorRate) {
    return new MetricWindow(AT, accuracy, latency, errorRate, 100, 0.5);
  }

  private static MeasurementPhase phaseOf(AnalysisMetric metric, double errorRate) {
    return MeasurementAssessor.assess(metric, AT, window(0.9, 0.1, errorRate), null).phase();
  }

  @Test
  void withOnlyASuccessConditionAnUnmetConditionIsAFailure() {
    AnalysisMetric metric = AnalysisMetric.of("errors", ERROR_RATE, ERROR_RATE_OK, null);

    assertThat(phaseOf(metric, 0.005)).isEqualTo(MeasurementPhase.SUCCESSFUL);
    assertThat(phaseOf(metric, 0.02)).isEqualTo(MeasurementPhase.FAILED);
  }

  @Test
  void withOnlyAFailureConditionAnythingNotFailingIsASuccess() {
    AnalysisMetric metric = AnalysisMetric.of("errors", ERROR_RATE, null, ERROR_RATE_BAD);

    assertThat(phaseOf(metric, 0.06)).isEqualTo(MeasurementPhase.FAILED);
    assertThat(phaseOf(metric, 0.03)).isEqualTo(MeasurementPhase.SUCCESSFUL);
  }

  @Test
  void withBothConditionsMeetingNeitherIsInconclusive() {
    AnalysisMetric metric = AnalysisMetric.of("errors", ERROR_RATE, ERROR_RATE_OK, ERROR_RATE_BAD);

    assertThat(phaseOf(metric, 0.005)).isEqualTo(MeasurementPhase.SUCCESSFUL);
    assertThat(phaseOf(metric, 0.06)).isEqualTo(MeasurementPhase.FAILED);
    assertThat(phaseOf(metric, 0.03)).isEqualTo(MeasurementPhase.INCONCLUSIVE);
  }

  @Test
  void whenBothConditionsAreMetTheFailureWinsAsInArgo() {
    AnalysisMetric metric = AnalysisMetric.of("errors", ERROR_RATE,
        Condition.absolute(ERROR_RATE, Comparison.AT_MOST, 0.5), ERROR_RATE_BAD);

    assertThat(phaseOf(metric, 0.1)).isEqualTo(MeasurementPhase.FAILED);
  }

  @Test
  void withoutConditionsEveryUsableValueIsASuccess() {
    AnalysisMetric metric = AnalysisMetric.of("errors", ERROR_RATE, null, null);

    Measurement m = MeasurementAssessor.assess(metric, AT, window(0.9, 0.1, 0.9), null);

    assertThat(m.phase()).isEqualTo(MeasurementPhase.SUCCESSFUL);
    assertThat(m.value()).isEqualTo(0.9);
    assertThat(m.message()).contains("no condition");
  }

  @ParameterizedTest
  @CsvSource({"NaN", "Infinity", "-Infinity", "-0.1", "1.5"})
  void aMissingOrOutOfRangeValueIsAnErrorNotAFailure(double errorRate) {
    AnalysisMetric metric = AnalysisMetric.of("errors", ERROR_RATE, ERROR_RATE_OK, null);

    Measurement m = MeasurementAssessor.assess(metric, AT, window(0.9, 0.1, errorRate), null);

    assertThat(m.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(m.message()).contains("errorRate is missing or out of range");
  }

  @Test
  void noCanaryWindowIsAnError() {
    AnalysisMetric metric = AnalysisMetric.of("accuracy", ACCURACY, null, null);

    Measurement m = MeasurementAssessor.assess(metric, AT, null, window(0.9, 0.1, 0));

    assertThat(m.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(m.value()).isNaN();
    assertThat(m.message()).isEqualTo("no window of the version under analysis");
  }

  @Test
  void aRelativeConditionComparesWithTheStableValueTimesTheFactor() {
    AnalysisMetric metric = AnalysisMetric.of("p95-vs-stable", LATENCY_P95_SECONDS,
        Condition.relative(LATENCY_P95_SECONDS, Comparison.AT_MOST, 1.2), null);
    MetricWindow stable = window(0.9, 0.150, 0);

    Measurement within = MeasurementAssessor.assess(metric, AT, window(0.9, 0.180, 0), stable);
    Measurement beyond = MeasurementAssessor.assess(metric, AT, window(0.9, 0.181, 0), stable);

    assertThat(within.phase()).isEqualTo(MeasurementPhase.SUCCESSFUL);
    assertThat(within.stableValue()).isEqualTo(0.150);
    assertThat(beyond.phase()).isEqualTo(MeasurementPhase.FAILED);
    assertThat(beyond.message())
        .isEqualTo("latencyP95Seconds 0.181 (stable 0.15) does not meet success condition "
            + "latencyP95Seconds <= 1.2 × stable = 0.18");
  }

  @Test
  void aRelativeConditionWithoutAStableValueIsAnError() {
    AnalysisMetric metric = AnalysisMetric.of("p95-vs-stable", LATENCY_P95_SECONDS,
        Condition.relative(LATENCY_P95_SECONDS, Comparison.AT_MOST, 1.2), null);

    Measurement noWindow = MeasurementAssessor.assess(metric, AT, window(0.9, 0.1, 0), null);
    Measurement noValue = MeasurementAssessor.assess(metric, AT, window(0.9, 0.1, 0), window(0.9, Double.NaN, 0));

    assertThat(noWindow.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(noWindow.message()).contains("no window of the stable version");
    assertThat(noValue.phase()).isEqualTo(MeasurementPhase.ERROR);
    assertThat(noValue.stableValue()).isNaN();
  }

  @Test
  void anAbsoluteConditionNeedsNoStableVersion() {
    AnalysisMetric metric = AnalysisMetric.of("p95", LATENCY_P95_SECONDS,
        Condition.absolute(LATENCY_P95_SECONDS, Comparison.AT_MOST, 0.2), null);

    assertThat(MeasurementAssessor.assess(metric, AT, window(0.9, 0.2, 0), null).phase())
        .isEqualTo(MeasurementPhase.SUCCESSFUL);
  }

  @Test
  void strictComparisonsExcludeTheThreshold() {
    Condition above = Condition.absolute(ACCURACY, Comparison.ABOVE, 0.85);
    Condition below = Condition.absolute(ACCURACY, Comparison.BELOW, 0.85);
    Condition atLeast = Condition.absolute(ACCURACY, Comparison.AT_LEAST, 0.85);

    assertThat(above.isMetBy(0.85, Double.NaN)).isFalse();
    assertThat(below.isMetBy(0.85, Double.NaN)).isFalse();
    assertThat(atLeast.isMetBy(0.85, Double.NaN)).isTrue();
    assertThat(atLeast.describe()).isEqualTo("accuracy >= 0.85");
  }
}
