package io.mlopsagent.actors.analysis;

import static io.mlopsagent.actors.metrics.MetricKind.ACCURACY;
import static io.mlopsagent.actors.metrics.MetricKind.ERROR_RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MetricRunTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final AnalysisMetric ERRORS = AnalysisMetric.of("errors", ERROR_RATE,
      Condition.absolute(ERROR_RATE, Comparison.AT_MOST, 0.01), Condition.absolute(ERROR_RATE, Comparison.ABOVE, 0.05));

  private static final MeasurementPhase OK = MeasurementPhase.SUCCESSFUL;
  private static final MeasurementPhase FAIL = MeasurementPhase.FAILED;
  private static final MeasurementPhase MAYBE = MeasurementPhase.INCONCLUSIVE;
  private static final MeasurementPhase ERR = MeasurementPhase.ERROR;

  private static MetricRun feed(MetricRun run, MeasurementPhase... phases) {
    for (MeasurementPhase phase : phases) {
      run = run.record(new Measurement(T0.plusSeconds(run.count() + run.errors()), phase, 0.0, Double.NaN,
          phase.name().toLowerCase(Locale.ROOT)));
    }
    return run;
  }

  @Test
  void succeedsOnceCountMeasurementsAreTaken() {
    MetricRun run = MetricRun.start(ERRORS.withCount(3));

    assertThat(feed(run, OK, OK).phase()).isEqualTo(AnalysisPhase.RUNNING);
    MetricRun done = feed(run, OK, OK, OK);
    assertThat(done.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    assertThat(done.message()).isEqualTo("count (3) reached: 3 successful, 0 failed, 0 inconclusive, 0 errors");
  }

  @Test
  void failuresUpToTheLimitAreToleratedAndOneMoreFails() {
    MetricRun run = MetricRun.start(ERRORS.withCount(5).withFailureLimit(1));

    assertThat(feed(run, FAIL).phase()).isEqualTo(AnalysisPhase.RUNNING);
    MetricRun failed = feed(run, FAIL, OK, FAIL);
    assertThat(failed.phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(failed.message()).isEqualTo("failed (2) > failureLimit (1)");
  }

  @Test
  void theDefaultFailureLimitOfZeroFailsOnTheFirstFailure() {
    assertThat(feed(MetricRun.start(ERRORS.withCount(5)), FAIL).phase()).isEqualTo(AnalysisPhase.FAILED);
  }

  @Test
  void toleratedFailuresStillLetTheCountSucceed() {
    MetricRun run = feed(MetricRun.start(ERRORS.withCount(3).withFailureLimit(1)), OK, FAIL, OK);

    assertThat(run.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
  }

  @Test
  void inconclusiveMeasurementsBeyondTheLimitMakeTheMetricInconclusive() {
    MetricRun run = MetricRun.start(ERRORS.withCount(5).withInconclusiveLimit(1));

    assertThat(feed(run, MAYBE).phase()).isEqualTo(AnalysisPhase.RUNNING);
    MetricRun paused = feed(run, MAYBE, MAYBE);
    assertThat(paused.phase()).isEqualTo(AnalysisPhase.INCONCLUSIVE);
    assertThat(paused.message()).isEqualTo("inconclusive (2) > inconclusiveLimit (1)");
    assertThat(feed(MetricRun.start(ERRORS.withCount(5)), MAYBE).phase()).isEqualTo(AnalysisPhase.INCONCLUSIVE);
  }

  @Test
  void onlyErrorsErrOnTheFifthInARowAndNeverCountTowardCount() {
    MetricRun run = MetricRun.start(ERRORS.withCount(2));

    MetricRun fourErrors = feed(run, ERR, ERR, ERR, ERR);
    assertThat(fourErrors.phase()).isEqualTo(AnalysisPhase.RUNNING);
    assertThat(fourErrors.count()).isZero();

    MetricRun fiveErrors = feed(fourErrors, ERR);
    assertThat(fiveErrors.phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(fiveErrors.message()).isEqualTo("consecutiveErrors (5) > consecutiveErrorLimit (4)");
    assertThat(fiveErrors.errors()).isEqualTo(5);
  }

  @Test
  void aSuccessResetsTheConsecutiveErrors() {
    MetricRun run = feed(MetricRun.start(ERRORS.withCount(3)), ERR, ERR, ERR, ERR, OK, ERR, ERR, ERR, ERR);

    assertThat(run.phase()).isEqualTo(AnalysisPhase.RUNNING);
    assertThat(run.consecutiveErrors()).isEqualTo(4);
    assertThat(run.errors()).isEqualTo(8);
    assertThat(run.count()).isEqualTo(1);
    assertThat(feed(run, ERR).phase()).isEqualTo(AnalysisPhase.ERROR);
  }

  @Test
  void anyMeasurementThatIsNotAnErrorResetsTheConsecutiveErrorsAsInArgo() {
    MetricRun run = MetricRun.start(ERRORS.withCount(5).withFailureLimit(2).withInconclusiveLimit(2));

    assertThat(feed(run, ERR, ERR, FAIL).consecutiveErrors()).isZero();
    assertThat(feed(run, ERR, ERR, MAYBE).consecutiveErrors()).isZero();
  }

  @Test
  void aConsecutiveErrorLimitOfZeroErrsOnTheFirstError() {
    assertThat(feed(MetricRun.start(ERRORS.withConsecutiveErrorLimit(0)), ERR).phase())
        .isEqualTo(AnalysisPhase.ERROR);
  }

  @Test
  void withoutACountTheMetricRunsUntilTerminatedAndThenSucceeds() {
    MetricRun run = feed(MetricRun.start(ERRORS), OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK);

    assertThat(run.phase()).isEqualTo(AnalysisPhase.RUNNING);
    assertThat(run.measurements()).hasSize(MetricRun.HISTORY_LIMIT);
    assertThat(run.count()).isEqualTo(12);
    MetricRun terminated = run.terminate();
    assertThat(terminated.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    assertThat(terminated.message()).startsWith("run terminated after 12 successful");
  }

  @Test
  void aCompletedMetricTakesNoMoreMeasurements() {
    MetricRun failed = feed(MetricRun.start(ERRORS.withCount(3)), FAIL);

    assertThat(feed(failed, OK, OK, OK)).isEqualTo(failed);
    assertThat(failed.terminate()).isEqualTo(failed);
  }

  @Test
  void rejectsLimitsThatTheCountCouldNeverExceed() {
    assertThatThrownBy(() -> ERRORS.withFailureLimit(3).withCount(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("analysis metric 'errors': count was 2, allowed is at least failureLimit (3)");
    assertThatThrownBy(() -> ERRORS.withConsecutiveErrorLimit(-1))
        .hasMessage("analysis metric 'errors': consecutiveErrorLimit was -1, allowed is 0 or more");
  }

  @Test
  void rejectsAConditionOnAnotherMetric() {
    Condition onAccuracy = Condition.absolute(ACCURACY, Comparison.AT_LEAST, 0.9);

    assertThatThrownBy(() -> AnalysisMetric.of("errors", ERROR_RATE, onAccuracy, null))
        .hasMessage("analysis metric 'errors': success condition is on accuracy, allowed is only errorRate, "
            + "the metric it measures");
  }

  @Test
  void rejectsAThresholdTheMetricCannotTake() {
    assertThatThrownBy(() -> Condition.absolute(ACCURACY, Comparison.AT_LEAST, 1.5))
        .hasMessage("condition on accuracy: threshold was 1.5, allowed is a value accuracy can take");
  }
}
