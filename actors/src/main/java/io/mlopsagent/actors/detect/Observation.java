package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;

/**
 * One metric of one window, scored against the baseline as it was before this value was learned.
 *
 * @param expected the baseline for this moment, seasonal part included; NaN before any history
 * @param scale the noise scale (a robust standard deviation) the score is measured in; NaN before
 *     any history
 * @param score {@code (value - expected) / scale}, always finite (0 before any history)
 * @param direction ABOVE or BELOW when |score| exceeds the detector's outlier clip, else NONE
 * @param warm whether the detector has seen enough windows for baseline-relative rules
 */
public record Observation(
    MetricKind kind,
    double value,
    double expected,
    double scale,
    double score,
    Direction direction,
    boolean warm)
    implements CborSerializable {

  public Observation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score of " + kind + " must be finite, was " + score);
    }
  }
}
