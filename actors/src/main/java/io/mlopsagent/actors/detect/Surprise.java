package io.mlopsagent.actors.detect;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;

/**
 * How surprising one metric's latest value is for this model, from 0 (as usual) to 1 (unlike
 * anything seen): what an operator reads beside a decision, and what the NAB benchmark scores.
 *
 * <p>Two things are judged, each by its rarity in this metric's own history ({@link
 * RarityHistogram}), so a spiky metric is not always surprising and a quiet one is surprised by
 * little: the distance from the baseline ({@link Observation#score()}, in noise scales), and a
 * change in how noisy the metric is (the recent mean distance against the usual one, either way:
 * noise vanishing, as a frozen exporter does, is as telling as noise growing). The score is the
 * larger rarity.
 *
 * <p>After an alarm (a score at {@link Params#alarmAt()} or above) the score is damped for {@link
 * Params#cooldownWindows()} windows: one incident is one surprise, not hundreds. A value far rarer
 * than the alarm's (its tail {@link Params#escalation()} times thinner) is a new alarm even then,
 * so a chance alarm in noise cannot hide a real incident that follows it.
 *
 * @param distances rarity of the distance from the baseline
 * @param volatility rarity of the change in noise level
 * @param recentDistance recent mean distance from the baseline, in noise scales; NaN before any
 * @param sinceAlarm windows since the last alarm; large before the first
 * @param alarmRarity the rarity that raised the last alarm; 0 before the first
 * @param score the score of the last window judged
 */
public record Surprise(
    RarityHistogram distances,
    RarityHistogram volatility,
    double recentDistance,
    long sinceAlarm,
    double alarmRarity,
    double score)
    implements CborSerializable {

  /**
   * The surprise settings: one set for every metric of every model (the NAB benchmark is run
   * with these, and no per-series tuning).
   *
   * @param alarmAt the score from which a window counts as an alarm
   * @param cooldownWindows windows after an alarm during which the score is damped
   * @param recentHalfLifeWindows half-life, in windows, of the recent mean distance
   * @param memoryWindows values a rarity histogram holds before old history is halved
   * @param escalation how many times thinner the tail of a value must be than the alarm's to
   *     raise a new alarm during the cooldown
   */
  public record Params(
      double alarmAt, int cooldownWindows, double recentHalfLifeWindows, long memoryWindows, double escalation) {
    public Params {
      if (!(alarmAt > 0 && alarmAt < 1)) {
        throw new IllegalArgumentException("alarmAt must be in (0, 1), was " + alarmAt);
      }
      if (cooldownWindows < 0) {
        throw new IllegalArgumentException("cooldownWindows must not be negative, was " + cooldownWindows);
      }
      if (!(recentHalfLifeWindows >= 1) || Double.isInfinite(recentHalfLifeWindows)) {
        throw new IllegalArgumentException("recentHalfLifeWindows must be at least 1, was " + recentHalfLifeWindows);
      }
      if (!(escalation >= 1) || Double.isInfinite(escalation)) {
        throw new IllegalArgumentException("escalation must be at least 1, was " + escalation);
      }
      if (memoryWindows < 100) {
        throw new IllegalArgumentException("memoryWindows must be at least 100, was " + memoryWindows);
      }
    }

    public static Params defaults() {
      return new Params(0.985, 200, 6, 20_000, 10);
    }
  }

  /** The mean |z| of normal noise, in noise scales as {@link MetricBaseline} measures them. */
  static final double USUAL_DISTANCE = 0.8;

  /** Keeps the noise-change ratio finite when a metric goes perfectly flat. */
  static final double RATIO_FLOOR = 0.05;

  /** Distances beyond this count as this far in the recent mean, so one spike is not a regime. */
  static final double DISTANCE_CAP = 10;

  /** What a damped score is multiplied by: below any alarm, keeping the order within the cooldown. */
  static final double DAMPING = 0.5;

  public Surprise {
    Objects.requireNonNull(distances, "distances");
    Objects.requireNonNull(volatility, "volatility");
  }

  public static Surprise fresh() {
    return new Surprise(RarityHistogram.empty(), RarityHistogram.empty(), Double.NaN, Long.MAX_VALUE / 2, 0.0, 0.0);
  }

  /**
   * The surprise after judging {@code o}, then learning from it. A value observed before its
   * baseline is warm scores 0 and teaches nothing: its distance means little yet.
   */
  public Surprise next(Observation o, Params p) {
    if (!o.warm() || !Double.isFinite(o.score())) {
      return new Surprise(distances, volatility, recentDistance, sinceAlarm, alarmRarity, 0.0);
    }
    double distance = Math.abs(o.score());
    double gain = -Math.expm1(-Math.log(2) / p.recentHalfLifeWindows());
    double capped = Math.min(distance, DISTANCE_CAP);
    double recent = Double.isNaN(recentDistance) ? capped : recentDistance + gain * (capped - recentDistance);
    double noiseChange = Math.abs(Math.log((recent + RATIO_FLOOR) / (USUAL_DISTANCE + RATIO_FLOOR)));

    double raw = Math.max(distances.rarity(distance), volatility.rarity(noiseChange));
    long since = sinceAlarm >= Long.MAX_VALUE / 2 ? sinceAlarm : sinceAlarm + 1;
    boolean escalates = (1 - raw) * p.escalation() <= 1 - alarmRarity;
    boolean cooling = since <= p.cooldownWindows() && !escalates;
    double score = cooling ? raw * p.alarmAt() * DAMPING : raw;
    double alarmed = alarmRarity;
    if (!cooling && raw >= p.alarmAt()) {
      since = 0;
      alarmed = raw;
    }
    return new Surprise(distances.add(distance, p.memoryWindows()), volatility.add(noiseChange, p.memoryWindows()),
        recent, since, alarmed, score);
  }
}
