package io.mlopsagent.actors.analysis;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;

/**
 * One metric of an analysis, with Argo Rollouts' knobs and defaults.
 *
 * @param success the success condition, or {@code null}
 * @param failure the failure condition, or {@code null}; with neither, every measurement with a
 *     value is Successful (Argo's evaluator does the same, whatever its docs say about Inconclusive)
 * @param count measurements (Errors excluded) after which the metric succeeds; 0 = keep measuring
 *     until the run is terminated or a limit is exceeded
 * @param failureLimit Failed measurements tolerated; one more fails the metric
 * @param inconclusiveLimit Inconclusive measurements tolerated; one more makes it Inconclusive
 * @param consecutiveErrorLimit Errors in a row tolerated; one more makes it Error
 */
public record AnalysisMetric(
    String name,
    MetricKind metric,
    Condition success,
    Condition failure,
    int count,
    int failureLimit,
    int inconclusiveLimit,
    int consecutiveErrorLimit)
    implements CborSerializable {

  /** Argo's {@code DefaultConsecutiveErrorLimit}. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  public AnalysisMetric {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("analysis metric name was '" + name + "', allowed is a non-blank name");
    }
    Objects.requireNonNull(metric, "metric of analysis metric '" + name + "'");
    requireSameMetric(name, "success", success, metric);
    requireSameMetric(name, "failure", failure, metric);
    requireAtLeast(name, "count", count, 0);
    // Argo allows failureLimit -1 only together with consecutiveSuccessLimit, which is not modelled here.
    requireAtLeast(name, "failureLimit", failureLimit, 0);
    requireAtLeast(name, "inconclusiveLimit", inconclusiveLimit, 0);
    requireAtLeast(name, "consecutiveErrorLimit", consecutiveErrorLimit, 0);
    // Argo's ValidateMetric: a limit above the count could never be exceeded.
    if (count > 0 && count < failureLimit) {
      throw new IllegalArgumentException("analysis metric '" + name + "': count was " + count
          + ", allowed is at least failureLimit (" + failureLimit + ")");
    }
    if (count > 0 && count < inconclusiveLimit) {
      throw new IllegalArgumentException("analysis metric '" + name + "': count was " + count
          + ", allowed is at least inconclusiveLimit (" + inconclusiveLimit + ")");
    }
  }

  /** A metric with Argo's defaults: no count, failureLimit 0, inconclusiveLimit 0, consecutiveErrorLimit 4. */
  public static AnalysisMetric of(String name, MetricKind metric, Condition success, Condition failure) {
    return new AnalysisMetric(name, metric, success, failure, 0, 0, 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT);
  }

  public AnalysisMetric withCount(int newCount) {
    return new AnalysisMetric(name, metric, success, failure, newCount, failureLimit, inconclusiveLimit,
        consecutiveErrorLimit);
  }

  public AnalysisMetric withFailureLimit(int limit) {
    return new AnalysisMetric(name, metric, success, failure, count, limit, inconclusiveLimit, consecutiveErrorLimit);
  }

  public AnalysisMetric withInconclusiveLimit(int limit) {
    return new AnalysisMetric(name, metric, success, failure, count, failureLimit, limit, consecutiveErrorLimit);
  }

  public AnalysisMetric withConsecutiveErrorLimit(int limit) {
    return new AnalysisMetric(name, metric, success, failure, count, failureLimit, inconclusiveLimit, limit);
  }

  /** True when a measurement also needs the stable version's value. */
  public boolean needsStable() {
    return (success != null && success.relativeToStable()) || (failure != null && failure.relativeToStable());
  }

  private static void requireSameMetric(String name, String which, Condition condition, MetricKind metric) {
    if (condition != null && condition.metric() != metric) {
      throw new IllegalArgumentException("analysis metric '" + name + "': " + which + " condition is on "
          + condition.metric().field() + ", allowed is only " + metric.field() + ", the metric it measures");
    }
  }

  private static void requireAtLeast(String name, String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          "analysis metric '" + name + "': " + field + " was " + value + ", allowed is " + min + " or more");
    }
  }
}
