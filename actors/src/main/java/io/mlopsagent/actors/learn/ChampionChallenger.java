package io.mlopsagent.actors.learn;

import java.util.Locale;

/**
 * Whether a newly trained predictor (the challenger) replaces the one in use (the champion).
 *
 * <p>The challenger wins if it is better on one target and no more than {@value #TOLERANCE_PERCENT}
 * % worse on the other: a lower duration MAE with a log-loss at most 2 % above the champion's, or
 * a lower log-loss with an MAE at most 2 % above. The tolerance lets a clear gain on one target
 * through despite noise on the other, without trading one target away for the other.
 *
 * <p>One more case: a challenger whose held-out duration R² clears the bar plans need
 * ({@link LearnedModel#MIN_R2}) where the champion's does not, with a better MAE and a log-loss at
 * most {@value #UNTRUSTED_TOLERANCE_PERCENT} % worse, wins. A champion below the bar is not used
 * at all (plans follow the rules), so keeping it for a sliver of log-loss would keep the rules.
 */
public final class ChampionChallenger {
  /** How much worse, in percent, the challenger may be on the target it does not improve. */
  public static final double TOLERANCE_PERCENT = 2;
  private static final double TOLERANCE = 1 + TOLERANCE_PERCENT / 100;
  /** How much worse the log-loss may be when the challenger is trusted and the champion is not. */
  public static final double UNTRUSTED_TOLERANCE_PERCENT = 10;

  private ChampionChallenger() {}

  /** The decision and its figures, for the journal and the admin API. */
  public record Verdict(boolean challengerWins, String reason) {}

  /**
   * Judges the challenger against the champion.
   *
   * <p>Both figures must come from {@link Holdout#evaluate} on the <em>same</em> held-out
   * outcomes: the champion re-evaluated on the challenger's holdout, not the figures recorded when
   * the champion was trained, which came from other outcomes (fewer, older) and are not comparable.
   * Different counts show they were not, and are refused.
   *
   * @param champion the champion's figures, or null when there is no model yet: the challenger
   *     then wins
   * @throws IllegalArgumentException when the two were evaluated on different numbers of outcomes
   */
  public static Verdict judge(HoldoutMetrics champion, HoldoutMetrics challenger) {
    if (champion == null) {
      return new Verdict(true, String.format(Locale.ROOT,
          "no champion yet: challenger MAE %.1f s, log-loss %.3f: challenger promoted",
          challenger.durationMae(), challenger.riskLogLoss()));
    }
    if (champion.count() != challenger.count()) {
      throw new IllegalArgumentException("champion was evaluated on " + champion.count()
          + " outcomes and challenger on " + challenger.count() + ": both must be evaluated on the same holdout");
    }
    double mae = challenger.durationMae();
    double logLoss = challenger.riskLogLoss();
    boolean better =
        (lower(mae, champion.durationMae()) && withinTolerance(logLoss, champion.riskLogLoss(), TOLERANCE))
        || (lower(logLoss, champion.riskLogLoss()) && withinTolerance(mae, champion.durationMae(), TOLERANCE));
    boolean trustedOverUntrusted = !better && trusted(challenger) && !trusted(champion)
        && lower(mae, champion.durationMae())
        && withinTolerance(logLoss, champion.riskLogLoss(), 1 + UNTRUSTED_TOLERANCE_PERCENT / 100);
    boolean wins = better || trustedOverUntrusted;
    return new Verdict(wins, String.format(Locale.ROOT,
        "challenger MAE %.1f s vs champion %.1f s, log-loss %.3f vs %.3f%s: %s", mae, champion.durationMae(),
        logLoss, champion.riskLogLoss(), trustedOverUntrusted ? String.format(Locale.ROOT,
            ", R² %.2f clears the %.1f bar the champion's %.2f misses", challenger.durationR2(), LearnedModel.MIN_R2,
            champion.durationR2()) : "", wins ? "challenger promoted" : "champion kept"));
  }

  private static boolean trusted(HoldoutMetrics m) {
    return !Double.isNaN(m.durationR2()) && m.durationR2() >= LearnedModel.MIN_R2;
  }

  // A NaN figure (a predictor that answered NaN) is worse than any number.
  private static boolean lower(double challenger, double champion) {
    return !Double.isNaN(challenger) && (Double.isNaN(champion) || challenger < champion);
  }

  private static boolean withinTolerance(double challenger, double champion, double factor) {
    return !Double.isNaN(challenger) && (Double.isNaN(champion) || challenger <= champion * factor);
  }
}
