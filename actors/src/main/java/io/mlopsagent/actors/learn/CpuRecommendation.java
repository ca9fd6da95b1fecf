package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU per replica that a model's usage asks for, as the VPA recommender reasons: the target covers
 * 90 % of the usage, the bounds the middle (50 %) and the top (95 %), each with a safety margin.
 *
 * <p>With little history the bounds widen, as VPA's do: the upper bound is multiplied by
 * (1 + 1/days), the lower by (1 + 0.001/days)^-2. An hour of history thus allows up to 25 times
 * the p95 (the model may simply not have met its busy hours yet) while a week allows 1.14 times;
 * the lower bound barely moves, because usage seen is a floor however short the history. The
 * target does not widen: it is the best single guess.
 *
 * @param targetCores what to request per replica; NaN when there is no recommendation
 * @param lowerBoundCores below this the model is likely starved
 * @param upperBoundCores above this the request is likely waste
 * @param historyDays days of usage the recommendation stands on
 * @param reason how it was reached, or why there is none
 */
public record CpuRecommendation(
    double targetCores, double lowerBoundCores, double upperBoundCores, double historyDays, String reason)
    implements CborSerializable {

  /** Added on top of the usage percentiles: usage varies within a window, and starving costs more than waste. */
  public static final double SAFETY_MARGIN = 0.15;
  /** Smallest request recommended: below it a replica cannot even start quickly. */
  public static final double MIN_CORES = 0.05;
  /** Less history than this gives no recommendation. */
  public static final Duration MIN_HISTORY = Duration.ofHours(1);
  /** A latest sample older than this gives no recommendation. */
  public static final Duration STALE_AFTER = Duration.ofDays(7);

  static final String NOT_ENOUGH_HISTORY = "not enough usage history";

  /** No recommendation: not enough usage history. */
  public static CpuRecommendation none() {
    return none(NOT_ENOUGH_HISTORY);
  }

  public static CpuRecommendation none(String reason) {
    return new CpuRecommendation(Double.NaN, Double.NaN, Double.NaN, 0.0, reason);
  }

  /** The recommendation from usage percentiles over {@code days} of history (more than zero). */
  static CpuRecommendation from(double p50, double p90, double p95, double days) {
    double margin = 1 + SAFETY_MARGIN;
    double target = Math.max(MIN_CORES, p90 * margin);
    double lower = Math.max(MIN_CORES, p50 * margin * Math.pow(1 + 0.001 / days, -2));
    double upper = Math.max(MIN_CORES, p95 * margin * (1 + 1 / days));
    String reason = String.format(Locale.ROOT, "usage p90 %.2f cores over %s, +%d %% margin", p90,
        describeDays(days), Math.round(SAFETY_MARGIN * 100));
    return new CpuRecommendation(target, lower, upper, days, reason);
  }

  /** Whether there is a recommendation (a target). */
  public boolean present() {
    return !Double.isNaN(targetCores);
  }

  private static String describeDays(double days) {
    return days < 1 ? String.format(Locale.ROOT, "%.1f hours", days * 24)
        : String.format(Locale.ROOT, "%.1f days", days);
  }
}
