package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HoldoutTest {

  @Test
  void holdsOutEveryFifthOutcomeAcrossThePeriod() {
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(12, 1);

    Holdout.Split split = Holdout.split(outcomes);

    assertThat(split.heldOut()).extracting(DeploymentOutcome::rolloutId).containsExactly("rollout-4", "rollout-9");
    assertThat(split.training()).extracting(DeploymentOutcome::rolloutId).containsExactly("rollout-0", "rollout-1",
        "rollout-2", "rollout-3", "rollout-5", "rollout-6", "rollout-7", "rollout-8", "rollout-10", "rollout-11");
  }

  @Test
  void fewerThanFiveOutcomesHoldNothingOut() {
    Holdout.Split split = Holdout.split(TestOutcomes.generate(4, 1));

    assertThat(split.training()).hasSize(4);
    assertThat(split.heldOut()).isEmpty();
  }

  @Test
  void computesTheFiguresOfAHandWorkedExample() {
    // Durations 100..400 predicted with errors 10, 10, 30, 0; two failures among four.
    List<DeploymentOutcome> heldOut = List.of(outcome(0, 100, true), outcome(1, 200, false), outcome(2, 300, true),
        outcome(3, 400, false));
    OutcomePredictor predictor = fixed(new double[] {110, 190, 330, 400}, new double[] {0.8, 0.2, 0.4, 0.4});

    HoldoutMetrics m = Holdout.evaluate(predictor, heldOut);

    assertThat(m.count()).isEqualTo(4);
    // Durations are a successful deployment's: the two promoted ones, 200 and 400, off by 10 and 0.
    assertThat(m.durationMae()).isCloseTo(5, within(1e-12));
    // SSres 100 over SStot 20,000 around their mean 300.
    assertThat(m.durationR2()).isCloseTo(1 - 100.0 / 20000, within(1e-12));
    assertThat(m.riskLogLoss()).isCloseTo(-(Math.log(0.8) + Math.log(0.8) + Math.log(0.4) + Math.log(0.6)) / 4,
        within(1e-12));
    // Pairs (failure, success): 0.8>0.2, 0.8>0.4, 0.4>0.2 and the tie 0.4=0.4 counting half: 3.5 of 4.
    assertThat(m.riskAuc()).isCloseTo(0.875, within(1e-12));
  }

  @Test
  void clipsCertainWrongRisksAndLeavesUndefinedFiguresNaN() {
    List<DeploymentOutcome> heldOut = List.of(outcome(0, 60, true), outcome(1, 60, true));
    OutcomePredictor predictor = fixed(new double[] {50, 80}, new double[] {0, 1});

    HoldoutMetrics m = Holdout.evaluate(predictor, heldOut);

    assertThat(m.durationMae()).isCloseTo(15, within(1e-12));
    assertThat(m.durationR2()).isNaN();
    assertThat(m.riskLogLoss()).isCloseTo((-Math.log(1e-6) - Math.log(1 - 1e-6)) / 2, within(1e-9));
    assertThat(m.riskAuc()).isNaN();
  }

  @Test
  void perfectRankingHasAucOneAndReversedZero() {
    boolean[] failed = {false, false, true, true, true};
    assertThat(Holdout.auc(failed, new double[] {0.1, 0.2, 0.3, 0.4, 0.9})).isEqualTo(1.0);
    assertThat(Holdout.auc(failed, new double[] {0.9, 0.8, 0.3, 0.2, 0.1})).isEqualTo(0.0);
    assertThat(Holdout.auc(failed, new double[] {0.5, 0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
  }

  @Test
  void refusesAnEmptyHoldout() {
    assertThatThrownBy(() -> Holdout.evaluate(fixed(new double[0], new double[0]), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  /** Outcome {@code i}: its features' hour of day is {@code i}, which {@link #fixed} keys on. */
  private static DeploymentOutcome outcome(int i, double durationSeconds, boolean failed) {
    DeploymentFeatures f = TestOutcomes.features(new Random(i)).at(i, 1, 0.5);
    return TestOutcomes.outcome(i, f, Instant.EPOCH, durationSeconds,
        failed ? DeploymentOutcome.Result.ABORTED : DeploymentOutcome.Result.PROMOTED);
  }

  /** Predicts {@code duration[h]} and {@code risk[h]} for features at hour of day {@code h}. */
  private static OutcomePredictor fixed(double[] duration, double[] risk) {
    return new OutcomePredictor() {
      @Override
      public Prediction predict(DeploymentFeatures features) {
        return new Prediction(duration[features.hourOfDay()], risk[features.hourOfDay()]);
      }

      @Override
      public Map<String, Double> featureImportances() {
        return Map.of();
      }

      @Override
      public byte[] serialize() {
        return new byte[0];
      }
    };
  }
}
