package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What is normal for one metric of one model, learned online: a level, a noise scale and a daily
 * profile (level + this hour's offset is the prediction, as in additive Holt-Winters).
 *
 * <p>Robust: a residual is clipped at {@link DetectorParams#outlierClip()} noise scales before it
 * is learned, so a single spike moves the level by a small fraction of one noise scale. Time-aware:
 * the learning gain comes from the actual gap since the last learned value and the half-life;
 * until the history is long enough, a running mean (gain 1/n) is used instead, so early windows
 * are not forgotten faster than they are learned.
 *
 * <p>Frozen ("held") while a baseline-relative rule breaches, so an incident does not become
 * normal; while held it only averages the values it sees, and after {@link
 * DetectorParams#acceptShiftAfter()} of holding it takes that average as its new level.
 *
 * @param count values learned so far (held values do not count)
 * @param level the deseasonalised level (the daily mean); NaN before the first value
 * @param deviation exponentially weighted mean absolute deviation of the clipped residuals
 * @param learnedAt when the state last moved on in time (learned or held); null before the first
 * @param daily the learned daily profile (stays flat when seasonality is off)
 * @param heldSince when the current freeze began; null while learning
 * @param heldLevel mean deseasonalised value seen while held; NaN while learning
 * @param heldCount values seen while held
 */
public record MetricBaseline(
    long count,
    double level,
    double deviation,
    Instant learnedAt,
    DailyProfile daily,
    Instant heldSince,
    double heldLevel,
    long heldCount)
    implements CborSerializable {

  /** Data a seasonal detector learns from before it may be frozen: a day and a half. */
  static final Duration LEARNING_COVERAGE = Duration.ofHours(36);

  /** Robust standard deviation per mean absolute deviation, for normal noise: sqrt(pi / 2). */
  static final double SIGMA_PER_DEVIATION = Math.sqrt(Math.PI / 2);

  /** Below this many values the deviation is too rough to clip against. */
  static final long MIN_COUNT_FOR_CLIP = 5;

  /**
   * A seasonal profile is used only when its amplitude is at least this many noise scales: below
   * that it is mostly noise fitted into hour buckets, and a flat series must stay flat.
   */
  static final double SEASONAL_SIGNIFICANCE = 1.0;

  /**
   * Noise scale floors: a metric that never moved (an error rate stuck at 0) must not turn the
   * smallest change into an infinite score.
   */
  static final double RELATIVE_SCALE_FLOOR = 1e-3;
  static final double ABSOLUTE_SCALE_FLOOR = 1e-9;

  /** Scores are capped so that an absurd but accepted value still yields a finite score. */
  static final double MAX_SCORE = 1e6;

  private static final double LN2 = Math.log(2.0);

  public MetricBaseline {
    Objects.requireNonNull(daily, "daily");
    if (count < 0 || heldCount < 0) {
      throw new IllegalArgumentException("counts must not be negative, were " + count + ", " + heldCount);
    }
  }

  public static MetricBaseline empty() {
    return new MetricBaseline(0, Double.NaN, 0.0, null, DailyProfile.flat(), null, Double.NaN, 0);
  }

  public boolean warm(DetectorParams p) {
    return count >= p.warmupWindows();
  }

  public boolean held() {
    return heldSince != null;
  }

  /** The robust standard deviation of the noise, never below the floors. */
  public double noiseScale() {
    double floor = Math.max(ABSOLUTE_SCALE_FLOOR, RELATIVE_SCALE_FLOOR * Math.abs(level));
    return Math.max(SIGMA_PER_DEVIATION * deviation, Double.isNaN(floor) ? ABSOLUTE_SCALE_FLOOR : floor);
  }

  /**
   * True while a seasonal detector has seen less than {@link #LEARNING_COVERAGE} of data. It may
   * not be held then: a daily peak that breaches a rule before the profile knows it would freeze
   * the very learning that explains it. Clipping still limits what an early incident can teach.
   */
  public boolean learningDailyProfile(DetectorParams p) {
    return p.seasonal() && daily.totalCoverageSeconds() < LEARNING_COVERAGE.toSeconds();
  }

  /** True when the daily profile is learned everywhere and clearly stands out of the noise. */
  public boolean seasonalInUse(DetectorParams p) {
    return p.seasonal()
        && daily.covered()
        && daily.amplitude() >= SEASONAL_SIGNIFICANCE * noiseScale();
  }

  /** The baseline at {@code at}; NaN before any history. */
  public double expected(Instant at, DetectorParams p) {
    // The profile is kept centred on the level, so without it the level is the daily mean.
    return level + (seasonalInUse(p) ? daily.offset(at) : 0.0);
  }

  /**
   * The highest value the baseline expects over a day (its hour-of-day peak when the daily profile
   * is in use, else its level), plus one noise scale; NaN before any history. What a scale-in must
   * still serve: the afternoon, not the quiet hour it happens to be decided in.
   */
  public double dailyPeak(DetectorParams p) {
    double top = seasonalInUse(p) ? java.util.Arrays.stream(daily.offsets()).max().orElse(0) : 0.0;
    return level + top + noiseScale();
  }

  /** Scores {@code value} against this state; nothing is learned. */
  public Observation observe(MetricKind kind, Instant at, double value, DetectorParams p) {
    if (count == 0) {
      return new Observation(kind, value, Double.NaN, Double.NaN, 0.0, Direction.NONE, false);
    }
    double expected = expected(at, p);
    double scale = noiseScale();
    double score = Math.max(-MAX_SCORE, Math.min(MAX_SCORE, (value - expected) / scale));
    Direction direction =
        score >= p.outlierClip() ? Direction.ABOVE
            : score <= -p.outlierClip() ? Direction.BELOW
            : Direction.NONE;
    return new Observation(kind, value, expected, scale, score, direction, warm(p));
  }

  /** This baseline after learning {@code value}, observed at {@code at}; ends any freeze. */
  public MetricBaseline learn(Instant at, double value, DetectorParams p) {
    if (count == 0) {
      return new MetricBaseline(1, value, 0.0, at, daily, null, Double.NaN, 0);
    }
    requireNotBefore(at);
    double gap = DailyProfile.seconds(Duration.between(learnedAt, at));
    double decayGain = -Math.expm1(-LN2 * gap / DailyProfile.seconds(p.halfLife()));
    double levelGain = Math.max(decayGain, 1.0 / (count + 1));
    // The deviation has one residual fewer than the level has values: its running mean is 1/count.
    double deviationGain = Math.max(decayGain, 1.0 / count);

    double offset = p.seasonal() ? daily.offset(at) : 0.0;
    double residual = value - (level + offset);
    double limit = count >= MIN_COUNT_FOR_CLIP ? p.outlierClip() * noiseScale() : Double.POSITIVE_INFINITY;
    double clipped = Math.max(-limit, Math.min(limit, residual));

    double nextLevel = level + levelGain * clipped;
    double nextDeviation = deviation + deviationGain * (Math.abs(clipped) - deviation);
    // The hour learns only what the level did not already absorb.
    DailyProfile nextDaily = daily;
    if (p.seasonal()) {
      DailyProfile learned = daily.learn(at, (1 - levelGain) * clipped, gap, p.halfLife());
      nextLevel += learned.meanOffset();
      nextDaily = learned.centred();
    }
    return new MetricBaseline(count + 1, nextLevel, nextDeviation, at, nextDaily, null, Double.NaN, 0);
  }

  /**
   * This baseline kept frozen at {@code at}: the value only feeds the average of the held period.
   * Once held for {@link DetectorParams#acceptShiftAfter()}, that average becomes the level and
   * the freeze ends (see {@link #held()}).
   */
  public MetricBaseline hold(Instant at, double value, DetectorParams p) {
    if (count == 0 || learningDailyProfile(p)) {
      return learn(at, value, p);
    }
    requireNotBefore(at);
    double deseasonalised = value - (p.seasonal() ? daily.offset(at) : 0.0);
    Instant since = held() ? heldSince : at;
    long n = heldCount + 1;
    double mean = held() ? heldLevel + (deseasonalised - heldLevel) / n : deseasonalised;
    if (Duration.between(since, at).compareTo(p.acceptShiftAfter()) >= 0) {
      return new MetricBaseline(count, mean, deviation, at, daily, null, Double.NaN, 0);
    }
    // learnedAt moves on so that learning resumes at its normal pace, not with the frozen gap.
    return new MetricBaseline(count, level, deviation, at, daily, since, mean, n);
  }

  private void requireNotBefore(Instant at) {
    if (at.isBefore(learnedAt)) {
      throw new IllegalArgumentException(
          "cannot learn a value at " + at + ", before the last one at " + learnedAt);
    }
  }
}
