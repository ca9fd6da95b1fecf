package io.mlopsagent.agent.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsagent.agent.nab.NabScorer.Profile;
import io.mlopsagent.agent.nab.NabScorer.Result;
import io.mlopsagent.agent.nab.NabScorer.Scored;
import io.mlopsagent.agent.nab.NabScorer.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases. Handy identity: f(y) = 2 / (1 + e^(5y)) - 1 = tanh(-5y / 2), so
 * f(-1) = tanh(2.5) = 0.986614. Every file here has 100 rows: probation = floor(15.0) = 15 rows,
 * and one window [50, 54] (W = 5). Standard profile: TP 1, FN 1, FP 0.11; null = -1, perfect = 1.
 */
class NabScorerTest {
  private static final Profile STANDARD = NabScorer.PROFILES.get(0);
  private static final Profile LOW_FP = NabScorer.PROFILES.get(1);
  private static final Profile LOW_FN = NabScorer.PROFILES.get(2);
  private static final List<Window> ONE_WINDOW = List.of(new Window(50, 54));

  /** A 100-row file scoring 0 except {@code rowsAndScores} (row, score, row, score, ...). */
  private static Scored file(double... rowsAndScores) {
    double[] scores = new double[100];
    for (int k = 0; k < rowsAndScores.length; k += 2) {
      scores[(int) rowsAndScores[k]] = rowsAndScores[k + 1];
    }
    return new Scored("cat", scores, ONE_WINDOW);
  }

  private static Result at(Profile p, double threshold, Scored... files) {
    return NabScorer.score(List.of(files), p, threshold);
  }

  @Test
  void probationIsFifteenPercentAtMostSevenHundredFifty() {
    assertThat(NabScorer.probation(100)).isEqualTo(15);
    assertThat(NabScorer.probation(4032)).isEqualTo(604); // floor(604.8)
    assertThat(NabScorer.probation(22695)).isEqualTo(750); // floor(3404.25) capped
  }

  @Test
  void detectionAtTheWindowStartIsPerfect() {
    // y = -(54 - 50 + 1) / 5 = -1: TP * f(-1) / f(-1) = 1. raw 1, null -1, perfect 1: 100.
    Result r = at(STANDARD, 0.5, file(50, 1.0));
    assertThat(r.raw()).isCloseTo(1.0, within(1e-12));
    assertThat(r.normalised()).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void detectionAtTheWindowEndEarnsLittle() {
    // y = -(54 - 54 + 1) / 5 = -0.2: f = tanh(0.5) = 0.462117; / 0.986614 = 0.468387.
    // normalised = 100 * (0.468387 + 1) / 2 = 73.42.
    Result r = at(STANDARD, 0.5, file(54, 1.0));
    assertThat(r.raw()).isCloseTo(0.468387, within(1e-6));
    assertThat(r.normalised()).isCloseTo(73.419, within(1e-3));
  }

  @Test
  void onlyTheEarliestDetectionInAWindowCounts() {
    // Rows 52 and 50 both detect: only row 50 counts, worth 1; row 52 adds nothing.
    assertThat(at(STANDARD, 0.5, file(50, 0.9, 52, 0.9)).raw()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void falsePositiveBeforeAnyWindowCostsTheFullWeightAndMissingCostsFn() {
    // Row 20: no window ended before it, -0.11; the window is missed, -1. raw -1.11: -5.5.
    Result standard = at(STANDARD, 0.5, file(20, 1.0));
    assertThat(standard.raw()).isCloseTo(-1.11, within(1e-12));
    assertThat(standard.normalised()).isCloseTo(-5.5, within(1e-9));
    // Low FP: -0.22 - 1 = -1.22. Low FN: -0.11 - 2 = -2.11, null -2, perfect 1: 100 * -0.11 / 3 = -3.667.
    assertThat(at(LOW_FP, 0.5, file(20, 1.0)).raw()).isCloseTo(-1.22, within(1e-12));
    assertThat(at(LOW_FN, 0.5, file(20, 1.0)).normalised()).isCloseTo(-3.6667, within(1e-4));
  }

  @Test
  void falsePositiveAfterAWindowCostsLessCloseToIt() {
    // Row 50 earns 1. Row 55: y = (55 - 54) / (5 - 1) = 0.25, f = tanh(-0.625) = -0.554600,
    // cost 0.11 * -0.554600 = -0.061006: raw 0.938994.
    assertThat(at(STANDARD, 0.5, file(50, 1.0, 55, 1.0)).raw()).isCloseTo(0.938994, within(1e-6));
    // Row 99: y = 45 / 4 > 3, f = -1: the full -0.11, raw 0.89.
    assertThat(at(STANDARD, 0.5, file(50, 1.0, 99, 1.0)).raw()).isCloseTo(0.89, within(1e-12));
  }

  @Test
  void probationRowsAreNeverScored() {
    // Row 10 lies in the 15-row probation: no cost, and the window is missed: raw = null = -1, 0.
    Result r = at(STANDARD, 0.5, file(10, 1.0));
    assertThat(r.raw()).isEqualTo(-1.0);
    assertThat(r.normalised()).isZero();
  }

  @Test
  void sweepPicksTheBestCorpusWideThreshold() {
    // Row 20 at 0.9 (a false positive), row 50 at 0.6 (the window's start).
    // Never: -1. Threshold 0.9: -0.11 - 1 = -1.11. Threshold 0.6: -0.11 + 1 = 0.89, the best.
    Result r = NabScorer.sweep(List.of(file(20, 0.9, 50, 0.6)), STANDARD);
    assertThat(r.threshold()).isEqualTo(0.6);
    assertThat(r.raw()).isCloseTo(0.89, within(1e-12));
    assertThat(r.normalised()).isCloseTo(94.5, within(1e-9));
  }

  @Test
  void sweepPrefersNoDetectionWhenEveryThresholdCostsMore() {
    // Eleven false positives at 0.9 (-1.21) outweigh the window's end at 0.8 (+1 + 0.468 on top of null):
    // threshold 0.8 gives -1.21 + 0.468387 = -0.741613 > -1: that one wins. With the low-FP profile
    // -2.42 + 0.468387 = -1.951613 < -1, so never detecting is best there.
    double[] rows = new double[24];
    for (int k = 0; k < 11; k++) {
      rows[2 * k] = 20 + k;
      rows[2 * k + 1] = 0.9;
    }
    rows[22] = 54;
    rows[23] = 0.8;
    Scored f = file(rows);
    assertThat(NabScorer.sweep(List.of(f), STANDARD).raw()).isCloseTo(-0.741613, within(1e-6));
    Result lowFp = NabScorer.sweep(List.of(f), LOW_FP);
    assertThat(lowFp.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(lowFp.normalised()).isZero();
  }

  @Test
  void sweepAgreesWithDirectScoringAtItsThreshold() {
    Random random = new Random(7);
    List<Scored> files = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      double[] scores = new double[300];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = Math.floor(random.nextDouble() * 50) / 50; // ties on purpose
      }
      files.add(new Scored("cat", scores, List.of(new Window(60, 90), new Window(200, 230))));
    }
    for (Profile p : NabScorer.PROFILES) {
      Result swept = NabScorer.sweep(files, p);
      assertThat(NabScorer.score(files, p, swept.threshold()).raw()).isCloseTo(swept.raw(), within(1e-9));
      for (int t = 0; t <= 50; t++) {
        assertThat(NabScorer.score(files, p, t / 50.0).raw()).isLessThanOrEqualTo(swept.raw() + 1e-9);
      }
    }
  }
}
