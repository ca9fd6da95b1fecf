package io.mlopsagent.actors.analysis;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.persistence.CborSerializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * One success or failure condition of an analysis metric, the typed counterpart of an Argo
 * {@code successCondition} / {@code failureCondition} expression. Absolute:
 * {@code value <comparison> threshold}. Relative to the stable version: {@code value <comparison>
 * threshold × stable value}, where {@code threshold} is the factor (canary p95 ≤ 1.2 × stable p95).
 */
public record Condition(MetricKind metric, Comparison comparison, double threshold, boolean relativeToStable)
    implements CborSerializable {

  public Condition {
    Objects.requireNonNull(metric, "condition metric");
    Objects.requireNonNull(comparison, "condition comparison");
    if (relativeToStable) {
      if (!(Double.isFinite(threshold) && threshold > 0)) {
        throw new IllegalArgumentException("condition on " + metric.field() + ": factor of the stable value was "
            + threshold + ", allowed is a finite number above 0");
      }
    } else if (!metric.accepts(threshold)) {
      throw new IllegalArgumentException("condition on " + metric.field() + ": threshold was " + threshold
          + ", allowed is a value " + metric.field() + " can take");
    }
  }

  public static Condition absolute(MetricKind metric, Comparison comparison, double threshold) {
    return new Condition(metric, comparison, threshold, false);
  }

  /** {@code value <comparison> factor × stable value}. */
  public static Condition relative(MetricKind metric, Comparison comparison, double factor) {
    return new Condition(metric, comparison, factor, true);
  }

  /** The bound the value is compared with; {@code stableValue} is ignored by an absolute condition. */
  double bound(double stableValue) {
    return relativeToStable ? threshold * stableValue : threshold;
  }

  /** Whether the condition holds; both values must be usable (the caller turns gaps into Errors). */
  boolean isMetBy(double value, double stableValue) {
    return comparison.holds(value, bound(stableValue));
  }

  /** The condition as an operator reads it: {@code latencyP95Seconds <= 1.2 × stable}. */
  public String describe() {
    String bound = relativeToStable ? format(threshold) + " × stable" : format(threshold);
    return metric.field() + " " + comparison.symbol() + " " + bound;
  }

  /** Four significant digits, no trailing zeros: enough to read a verdict, short enough for a log. */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
