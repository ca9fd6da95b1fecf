package io.mlopsagent.agent.nab;

import io.mlopsagent.actors.detect.DetectorParams;
import io.mlopsagent.actors.detect.MetricBaseline;
import io.mlopsagent.actors.detect.Observation;
import io.mlopsagent.actors.detect.Surprise;
import io.mlopsagent.actors.metrics.MetricKind;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The agent's production detectors run over one NAB series, strictly online: each value is
 * scored against the {@link MetricBaseline} as it was, then learned, exactly as a model's metric
 * is every window.
 *
 * <p>The anomaly score is the agent's {@link Surprise} of the value (default), or, for comparison,
 * the bare distance from the baseline squashed into [0, 1) by {@code |z| / (|z| + halfAt)}. Every
 * value is learned (clipped, as in production): the agent's freeze follows metric-specific rules
 * (an accuracy drop, a latency factor) that a bare NAB series has no equivalent of.
 */
public final class NabDetector {
  /**
   * The metric kind the values are scored as: only a label here, since {@link MetricBaseline}
   * treats every kind alike; throughput is the kind with no upper bound and no fixed unit.
   */
  static final MetricKind KIND = MetricKind.THROUGHPUT_RPS;

  /** How an observation becomes an anomaly score. */
  public enum Scoring {
    /** The agent's {@link Surprise}: rarity of the distance or of a noise change, one alarm per incident. */
    SURPRISE,
    /** The fixed squash of the distance, {@code |z| / (|z| + halfAt)}. */
    SQUASH
  }

  private final DetectorParams params;
  private final Surprise.Params surprise;
  private final double halfAt;
  private final Scoring scoring;

  public NabDetector(DetectorParams params, double halfAt) {
    this(params, Surprise.Params.defaults(), halfAt, Scoring.SQUASH);
  }

  public NabDetector(DetectorParams params, Surprise.Params surprise, double halfAt, Scoring scoring) {
    if (!(halfAt > 0) || Double.isInfinite(halfAt)) {
      throw new IllegalArgumentException("halfAt must be a positive number of noise scales, was " + halfAt);
    }
    this.params = params;
    this.surprise = surprise;
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
    Surprise judged = Surprise.fresh();
    Instant last = null;
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
      judged = judged.next(o, surprise);
      if (o.warm()) {
        out[i] = scoring == Scoring.SURPRISE ? judged.score() : squash(Math.abs(o.score()));
      }
      baseline = baseline.learn(at, value, params);
      last = at;
    }
    return out;
  }
}
