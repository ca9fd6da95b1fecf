package io.mlopsagent.actors.analysis;

import static io.mlopsagent.actors.analysis.Condition.format;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Instant;

/**
 * Turns one observation window into one measurement of one analysis metric, with the verdict of
 * Argo Rollouts' condition evaluation (utils/evaluate EvaluateResult): only a success condition —
 * met is Successful, else Failed; only a failure condition — met is Failed, else Successful; both —
 * failure met is Failed (even when success is met too), success met is Successful, neither is
 * Inconclusive; no condition — Successful. A value the source could not give is an Error, never a
 * failure: a data gap is not evidence against the canary.
 */
public final class MeasurementAssessor {

  private MeasurementAssessor() {}

  /**
   * @param canary the window of the version under analysis, or {@code null} when there is none
   * @param stable the window of the stable version, or {@code null}; only relative conditions use it
   */
  public static Measurement assess(AnalysisMetric metric, Instant at, MetricWindow canary, MetricWindow stable) {
    MetricKind kind = metric.metric();
    double value = canary == null ? Double.NaN : canary.value(kind);
    double stableValue = stable == null ? Double.NaN : stable.value(kind);
    if (canary == null) {
      return error(at, value, stableValue, "no window of the version under analysis");
    }
    if (!kind.accepts(value)) {
      return error(at, value, stableValue, kind.field() + " is missing or out of range (" + value + ")");
    }
    if (metric.needsStable() && (stable == null || !kind.accepts(stableValue))) {
      String why = stable == null ? "no window of the stable version" : "it is " + stableValue;
      return error(at, value, stableValue,
          "a condition relative to the stable version needs its " + kind.field() + ", but " + why);
    }
    return evaluate(metric, at, value, stableValue);
  }

  private static Measurement evaluate(AnalysisMetric metric, Instant at, double value, double stableValue) {
    Condition success = metric.success();
    Condition failure = metric.failure();
    String seen = metric.metric().field() + " " + format(value)
        + (metric.needsStable() ? " (stable " + format(stableValue) + ")" : "");
    if (success == null && failure == null) {
      return new Measurement(at, MeasurementPhase.SUCCESSFUL, value, stableValue, seen + ", no condition to check");
    }
    boolean successMet = success != null && success.isMetBy(value, stableValue);
    boolean failureMet = failure != null && failure.isMetBy(value, stableValue);
    MeasurementPhase phase;
    String message;
    if (failure == null) {
      phase = successMet ? MeasurementPhase.SUCCESSFUL : MeasurementPhase.FAILED;
      message = seen + (successMet ? " meets " : " does not meet ") + "success condition " + describe(success, stableValue);
    } else if (failureMet) {
      phase = MeasurementPhase.FAILED;
      message = seen + " meets failure condition " + describe(failure, stableValue);
    } else if (success == null || successMet) {
      phase = MeasurementPhase.SUCCESSFUL;
      message = seen + (success == null
          ? " does not meet failure condition " + describe(failure, stableValue)
          : " meets success condition " + describe(success, stableValue));
    } else {
      phase = MeasurementPhase.INCONCLUSIVE;
      message = seen + " meets neither success condition " + describe(success, stableValue)
          + " nor failure condition " + describe(failure, stableValue);
    }
    return new Measurement(at, phase, value, stableValue, message);
  }

  private static String describe(Condition condition, double stableValue) {
    return condition.relativeToStable()
        ? condition.describe() + " = " + format(condition.bound(stableValue))
        : condition.describe();
  }

  private static Measurement error(Instant at, double value, double stableValue, String message) {
    return new Measurement(at, MeasurementPhase.ERROR, value, stableValue, message);
  }
}
