package io.mlopsagent.actors.detect;

import static io.mlopsagent.actors.detect.SyntheticModel.WINDOWS_PER_DAY;
import static io.mlopsagent.actors.detect.SyntheticModel.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.detect.DataGap.Entry;
import io.mlopsagent.actors.detect.DataGap.Reason;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Missing, invalid and late data is reported as a gap, never as degradation. */
class DataGapTest {
  private static final MetricKind LATENCY = MetricKind.LATENCY_P95_SECONDS;
  private static final int HISTORY = WINDOWS_PER_DAY;

  private final SyntheticModel model = new SyntheticModel(5);
  private final DetectorRun run = DetectorRun.withDefaults();

  @BeforeEach
  void learnADay() {
    run.feedHealthy(model, 0, HISTORY);
  }

  @ParameterizedTest(name = "latency {0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.2})
  void unusableLatencyIsAGapAndLeavesItsBaselineAlone(double latency) {
    ModelBaselines before = run.state;

    DetectionStep step = run.feed(with(model.window(HISTORY), LATENCY, latency));

    Reason reason = Double.isNaN(latency) ? Reason.MISSING : Reason.INVALID;
    assertThat(step.gap().byKind()).containsOnlyKeys(LATENCY);
    assertThat(step.gap().byKind().get(LATENCY)).isEqualTo(new Entry(reason, latency));
    assertThat(step.observations()).doesNotContainKey(LATENCY).hasSize(4);
    assertThat(step.signals()).isEmpty();
    assertThat(step.state().of(LATENCY)).isEqualTo(before.of(LATENCY));
    assertThat(step.state().of(MetricKind.ACCURACY)).isNotEqualTo(before.of(MetricKind.ACCURACY));
  }

  @Test
  void windowWithNothingUsableChangesNoBaselineAndFiresNothing() {
    ModelBaselines before = run.state;
    MetricWindow broken = new MetricWindow(SyntheticModel.at(HISTORY), Double.NaN,
        Double.POSITIVE_INFINITY, -0.1, Double.NEGATIVE_INFINITY, 5_000);

    DetectionStep step = run.feed(broken);

    assertThat(step.gap().hasGaps()).isTrue();
    assertThat(step.gap().byKind()).containsOnlyKeys(MetricKind.values()).containsEntry(
        MetricKind.ACCURACY, new Entry(Reason.MISSING, Double.NaN)).containsEntry(
        MetricKind.CPU_UTILIZATION, new Entry(Reason.INVALID, 5_000));
    assertThat(step.observations()).isEmpty();
    assertThat(step.signals()).isEmpty();
    assertThat(step.state().byKind()).isEqualTo(before.byKind());
    assertThat(step.state().breachStreaks()).isEqualTo(before.breachStreaks());
    assertThat(step.state().lastAt()).isEqualTo(broken.at());
  }

  @Test
  void gapNeitherResetsNorAdvancesABreachStreak() {
    double doubled = 2 * SyntheticModel.LATENCY;
    run.feed(with(model.window(HISTORY), LATENCY, doubled));
    run.feed(with(model.window(HISTORY + 1), LATENCY, doubled));

    DetectionStep gap = run.feed(with(model.window(HISTORY + 2), LATENCY, Double.NaN));
    DetectionStep third = run.feed(with(model.window(HISTORY + 3), LATENCY, doubled));

    assertThat(gap.streak(Signal.LATENCY_DEGRADED)).isEqualTo(2);
    assertThat(gap.signals()).isEmpty();
    assertThat(third.signals()).containsEntry(Signal.LATENCY_DEGRADED, 3);
  }

  @ParameterizedTest(name = "{0} s after the last window")
  @ValueSource(longs = {0, -10, -3_600})
  void windowNotLaterThanTheLastChangesNothingAtAll(long secondsAfterLast) {
    ModelBaselines before = run.state;
    MetricWindow late = SyntheticModel.at(
        with(model.window(HISTORY), LATENCY, 10.0), before.lastAt().plusSeconds(secondsAfterLast));

    DetectionStep step = run.feed(late);

    assertThat(step.state()).isSameAs(before);
    assertThat(step.observations()).isEmpty();
    assertThat(step.signals()).isEmpty();
    assertThat(step.acceptedShifts()).isEmpty();
    assertThat(step.gap().byKind()).hasSize(5)
        .allSatisfy((kind, entry) -> assertThat(entry.reason()).isEqualTo(Reason.OUT_OF_ORDER))
        .containsEntry(LATENCY, new Entry(Reason.OUT_OF_ORDER, 10.0));
  }
}
