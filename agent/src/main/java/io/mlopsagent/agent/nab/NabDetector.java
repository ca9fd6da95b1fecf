package io.mlopsagent.agent.nab;

import io.mlopsagent.actors.detect.DetectorParams;
import io.mlopsagent.actors.detect.MetricBaseline;
import io.mlopsagent.actors.detect.Observation;
import io.mlopsagent.actors.metrics.MetricKind;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The agent's production baseline ({@link MetricBaseline}) run over one NAB series, strictly
 * online: each value is scored against the baseline as it was, then learned.
 *
 * <p>NAB anomalies go both ways, so the anomaly score is built from {@code |score|}, the distance
 * from the baseline in noise scales, squashed into [0, 1) by {@code |z| / (|z| + halfAt)}: 0.5 at
 * {@code halfAt} noise scales. Every value is learned (clipped, as in production): the agent's
 * freeze follows metric-specific rules (an accuracy drop, a latency factor) that a bare NAB series
 * has no equivalent of.
 */
public final class NabDetector {
  /**
   * The metric kind the values are scored as: only a label here, since {@link MetricBaseline}
   * treats every kind alike; throughput is the kind with no upper bound and no fixed unit.
   */
  static final MetricKind KIND = MetricKind.THROUGHPUT_RPS;

  /** How the distance from the baseline becomes an anomaly score. */
  public enum Scoring {
    /** The fixed squash {@code |z| / (|z| + halfAt)}. */
    SQUASH,
    /**
     * How rare {@code |z|} is in this series so far: one minus the share of earlier warm values at
     * least as far out (counting this one). A spiky or floor-bound series, whose |z| runs high all
     * the time, then scores high only at what is unusual for it.
     */
    RANK
  }

  private final DetectorParams params;
  private final double halfAt;
  private final Scoring scoring;

  public NabDetector(DetectorParams params, double halfAt) {
    this(params, halfAt, Scoring.SQUASH);
  }

  public NabDetector(DetectorParams params, double halfAt, Scoring scoring) {
    if (!(halfAt > 0) || Double.isInfinite(halfAt)) {
      throw new IllegalArgumentException("halfAt must be a positive number of noise scales, was " + halfAt);
    }
    this.params = params;
    this.halfAt = halfAt;
    this.scoring = scoring;
  }

  /** The anomaly score of {@code |z|} noise scales: in [0, 1), increasing, 0 at 0. */
  public double squash(double absScore) {
    return absScore / (absScore + halfAt);
  }

  /** One anomaly score per row of {@code f}, each in [0, 1], never NaN. */
  public double[] scores(NabFile f) {
    double[] out = new double[f.size()];
    MetricBaseline baseline = MetricBaseline.empty();
    Instant last = null;
    TailRank rank = new TailRank();
    for (int i = 0; i < f.size(); i++) {
      // NAB timestamps carry no zone; UTC keeps the daily profile's hours those of the data.
      Instant at = f.times().get(i).toInstant(ZoneOffset.UTC);
      double value = f.values()[i];
      if ((last != null && !at.isAfter(last)) || !Double.isFinite(value)) {
        // As in production, a repeated or earlier timestamp (or an unusable value) teaches nothing.
        out[i] = 0.0;
        continue;
      }
      Observation o = baseline.observe(KIND, at, value, params);
      double z = Math.abs(o.score());
      if (o.warm()) {
        out[i] = scoring == Scoring.SQUASH ? squash(z) : rank.rarity(z);
        rank.add(z);
      }
      baseline = baseline.learn(at, value, params);
      last = at;
    }
    return out;
  }
}
