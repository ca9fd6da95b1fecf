package io.mlopsagent.actors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.metrics.MetricKind;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static final Thresholds SEED = Thresholds.seed();

  private static Observation warm(MetricKind kind, double value, double expected) {
    return new Observation(kind, value, expected, 0.01, 0, Direction.NONE, true);
  }

  @Test
  void seedRulesAreTheDocumentedDefaults() {
    assertThat(SEED).isEqualTo(new Thresholds(0.05, 1.5, 0.02, 0.8, 0.2, 3));
  }

  @Test
  void baselineRelativeRulesCompareWithTheExpectation() {
    assertThat(SEED.breaches(Signal.ACCURACY_DEGRADED, warm(MetricKind.ACCURACY, 0.84, 0.90))).isTrue();
    assertThat(SEED.breaches(Signal.ACCURACY_DEGRADED, warm(MetricKind.ACCURACY, 0.86, 0.90))).isFalse();
    assertThat(SEED.breaches(Signal.LATENCY_DEGRADED, warm(MetricKind.LATENCY_P95_SECONDS, 0.16, 0.10))).isTrue();
    assertThat(SEED.breaches(Signal.LATENCY_DEGRADED, warm(MetricKind.LATENCY_P95_SECONDS, 0.14, 0.10))).isFalse();
    assertThat(SEED.breaches(Signal.ERROR_RATE_DEGRADED, warm(MetricKind.ERROR_RATE, 0.035, 0.01))).isTrue();
    assertThat(SEED.breaches(Signal.ERROR_RATE_DEGRADED, warm(MetricKind.ERROR_RATE, 0.025, 0.01))).isFalse();
  }

  @Test
  void baselineRelativeRulesNeedAWarmDetectorButCpuRulesDoNot() {
    Observation coldLatency = new Observation(MetricKind.LATENCY_P95_SECONDS, 1.0, 0.1, 0.01, 90,
        Direction.ABOVE, false);
    Observation coldCpu = new Observation(MetricKind.CPU_UTILIZATION, 0.95, Double.NaN, Double.NaN,
        0, Direction.NONE, false);

    assertThat(SEED.breaches(Signal.LATENCY_DEGRADED, coldLatency)).isFalse();
    assertThat(SEED.breaches(Signal.CPU_SATURATED, coldCpu)).isTrue();
    assertThat(SEED.breaches(Signal.CPU_IDLE, coldCpu)).isFalse();
  }

  @Test
  void theServiceLevelCatchesWhatABaselineThatFollowedADriftNoLongerSees() {
    Thresholds t = new Thresholds(0.05, 1.5, 0.02, 0.8, 0.2, 3, new Thresholds.Slo(0.85, 0.200, 0.01));
    // The baseline has drifted down with the accuracy: 0.82 is only 0.02 below it.
    Observation drifted = warm(MetricKind.ACCURACY, 0.82, 0.84);
    assertThat(t.withoutSlo().breaches(Signal.ACCURACY_DEGRADED, drifted)).isFalse();
    assertThat(t.breaches(Signal.ACCURACY_DEGRADED, drifted)).isTrue();
    assertThat(t.breaches(Signal.LATENCY_DEGRADED, warm(MetricKind.LATENCY_P95_SECONDS, 0.21, 0.19))).isTrue();
    assertThat(t.breaches(Signal.ERROR_RATE_DEGRADED, warm(MetricKind.ERROR_RATE, 0.011, 0.009))).isTrue();
    // Within the service level and the baseline's rules: nothing.
    assertThat(t.breaches(Signal.ACCURACY_DEGRADED, warm(MetricKind.ACCURACY, 0.86, 0.87))).isFalse();
  }

  @Test
  void theServiceLevelNeedsNoWarmDetector() {
    Thresholds t = new Thresholds(0.05, 1.5, 0.02, 0.8, 0.2, 3, new Thresholds.Slo(0.85, 0.200, 0.01));
    Observation cold = new Observation(MetricKind.ACCURACY, 0.70, Double.NaN, Double.NaN, 0, Direction.NONE, false);
    assertThat(t.breaches(Signal.ACCURACY_DEGRADED, cold)).isTrue();
    assertThat(t.withoutSlo().breaches(Signal.ACCURACY_DEGRADED, cold)).isFalse();
  }

  @Test
  void aRuleIsJudgedOnlyOnItsOwnMetric() {
    assertThatThrownBy(() -> SEED.breaches(Signal.CPU_IDLE, warm(MetricKind.ACCURACY, 0.1, 0.9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CPU_IDLE is judged on CPU_UTILIZATION, not ACCURACY");
  }

  @Test
  void validationNamesTheFieldTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> new Thresholds(0, 1.5, 0.02, 0.8, 0.2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accuracyDrop must be a fraction above 0 and at most 1, was 0.0");
    assertThatThrownBy(() -> new Thresholds(0.05, 1.0, 0.02, 0.8, 0.2, 3))
        .hasMessage("latencyFactor must be a finite factor above 1.0, was 1.0");
    assertThatThrownBy(() -> new Thresholds(0.05, 1.5, Double.NaN, 0.8, 0.2, 3))
        .hasMessage("errorRateRise must be a fraction above 0 and at most 1, was NaN");
    assertThatThrownBy(() -> new Thresholds(0.05, 1.5, 0.02, -1, 0.2, 3))
        .hasMessage("cpuHigh must be a utilisation above 0 and at most 1000, was -1.0");
    assertThatThrownBy(() -> new Thresholds(0.05, 1.5, 0.02, 0.8, 0.9, 3))
        .hasMessage("cpuLow must be at least 0 and below cpuHigh (0.8), was 0.9");
    assertThatThrownBy(() -> new Thresholds(0.05, 1.5, 0.02, 0.8, 0.2, 0))
        .hasMessage("consecutiveWindows must be at least 1, was 0");
  }
}
