package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChampionChallengerTest {
  private static final HoldoutMetrics CHAMPION = metrics(55.0, 0.35);

  @Test
  void withoutAChampionTheChallengerWins() {
    ChampionChallenger.Verdict v = ChampionChallenger.judge(null, metrics(41.2, 0.31));

    assertThat(v.challengerWins()).isTrue();
    assertThat(v.reason()).isEqualTo("no champion yet: challenger MAE 41.2 s, log-loss 0.310: challenger promoted");
  }

  @Test
  void theReasonNamesBothFiguresOfBoth() {
    ChampionChallenger.Verdict v = ChampionChallenger.judge(CHAMPION, metrics(41.2, 0.31));

    assertThat(v.challengerWins()).isTrue();
    assertThat(v.reason()).isEqualTo("challenger MAE 41.2 s vs champion 55.0 s, log-loss 0.310 vs 0.350: "
        + "challenger promoted");
  }

  @ParameterizedTest(name = "MAE {0}, log-loss {1}: challenger wins {2}")
  @CsvSource({
    // Better duration, risk no more than 2 % worse (0.35 * 1.02 = 0.357).
    "50.0, 0.35, true",
    "50.0, 0.355, true",
    "50.0, 0.36, false",
    // Better risk, duration no more than 2 % worse (55 * 1.02 = 56.1).
    "55.0, 0.30, true",
    "56.0, 0.30, true",
    "57.0, 0.30, false",
    // Better on neither.
    "55.0, 0.35, false",
    "60.0, 0.40, false",
    "NaN, 0.30, false",
  })
  void winsOnOneTargetWithinTwoPercentOnTheOther(double mae, double logLoss, boolean wins) {
    ChampionChallenger.Verdict v = ChampionChallenger.judge(CHAMPION, metrics(mae, logLoss));

    assertThat(v.challengerWins()).isEqualTo(wins);
    assertThat(v.reason()).endsWith(wins ? "challenger promoted" : "champion kept");
  }

  @Test
  void aChallengerThePlansCanTrustReplacesAChampionTheyCannotDespiteASliverOfLogLoss() {
    // Seen in a run: the champion's held-out R² 0.697, the challenger's 0.806 with a far lower MAE
    // and a log-loss 2.3 % worse. Keeping the champion would have kept the plans on the rules.
    HoldoutMetrics untrusted = new HoldoutMetrics(117, 302.2, 0.697, 0.516, 0.85);
    HoldoutMetrics trusted = new HoldoutMetrics(117, 233.1, 0.806, 0.528, 0.82);

    ChampionChallenger.Verdict v = ChampionChallenger.judge(untrusted, trusted);

    assertThat(v.challengerWins()).isTrue();
    assertThat(v.reason()).isEqualTo("challenger MAE 233.1 s vs champion 302.2 s, log-loss 0.528 vs 0.516, "
        + "R² 0.81 clears the 0.7 bar the champion's 0.70 misses: challenger promoted");
  }

  @ParameterizedTest(name = "champion R² {0}, challenger R² {1}, MAE {2}, log-loss {3}: challenger wins {4}")
  @CsvSource({
    // Both trusted: the ordinary 2 % rule (0.35 * 1.02 = 0.357).
    "0.80, 0.90, 50.0, 0.37, false",
    // Champion untrusted, challenger trusted: up to 10 % worse log-loss (0.385), with a better MAE.
    "0.60, 0.90, 50.0, 0.37, true",
    "0.60, 0.90, 50.0, 0.39, false",
    "0.60, 0.90, 56.0, 0.37, false",
    // Neither trusted: the ordinary rule.
    "0.50, 0.65, 50.0, 0.37, false",
    // Challenger's R² not known.
    "0.60, NaN, 50.0, 0.37, false",
  })
  void theTrustBarLoosensTheLogLossToleranceOnlyWhereItIsCrossed(double championR2, double challengerR2, double mae,
      double logLoss, boolean wins) {
    HoldoutMetrics champion = new HoldoutMetrics(200, 55.0, championR2, 0.35, 0.8);
    HoldoutMetrics challenger = new HoldoutMetrics(200, mae, challengerR2, logLoss, 0.8);

    assertThat(ChampionChallenger.judge(champion, challenger).challengerWins()).isEqualTo(wins);
  }

  @Test
  void aChampionWhoseFiguresAreNaNLosesToNumbers() {
    HoldoutMetrics broken = new HoldoutMetrics(200, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    assertThat(ChampionChallenger.judge(broken, metrics(60.0, 0.5)).challengerWins()).isTrue();
  }

  @Test
  void refusesFiguresFromDifferentHoldouts() {
    HoldoutMetrics otherHoldout = new HoldoutMetrics(150, 40, 0.9, 0.3, 0.8);

    assertThatThrownBy(() -> ChampionChallenger.judge(CHAMPION, otherHoldout))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same holdout");
  }

  private static HoldoutMetrics metrics(double mae, double logLoss) {
    return new HoldoutMetrics(200, mae, 0.9, logLoss, 0.8);
  }
}
