package io.mlopsagent.actors.learn.smile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.learn.Holdout;
import io.mlopsagent.actors.learn.HoldoutMetrics;
import io.mlopsagent.actors.learn.OutcomePredictor;
import io.mlopsagent.actors.learn.Prediction;
import io.mlopsagent.actors.learn.TestOutcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmileForestTrainerTest {
  private static final SmileForestTrainer TRAINER = new SmileForestTrainer();
  private static Holdout.Split split;
  private static OutcomePredictor predictor;

  @BeforeAll
  static void fitOnAThousandOutcomes() {
    split = Holdout.split(TestOutcomes.generate(1000, 7));
    predictor = TRAINER.fit(split.training(), 42);
  }

  @Test
  void learnsTheDurationsStructure() {
    HoldoutMetrics metrics = Holdout.evaluate(predictor, split.heldOut());

    assertThat(metrics.count()).isEqualTo(200);
    assertThat(metrics.durationR2()).isGreaterThan(0.8);
  }

  @Test
  void ranksRiskyDeploymentsHigher() {
    HoldoutMetrics metrics = Holdout.evaluate(predictor, split.heldOut());

    assertThat(metrics.riskAuc()).isGreaterThan(0.7);
    DeploymentFeatures safe = TestOutcomes.features(new Random(1)).at(3, 2, 0.05);
    DeploymentFeatures big = new DeploymentFeatures(1900, safe.complexity(), safe.accuracy(), safe.latencyP95Seconds(),
        safe.replicas(), safe.cpuCores(), 18, 2, 1.4, safe.concurrentRollouts(), safe.strategy(), safe.steps());
    assertThat(predictor.predict(big).failureRisk()).isGreaterThan(predictor.predict(safe).failureRisk() + 0.2);
  }

  @Test
  void importancesSumToOneAndFavourTheFeaturesThatMatter() {
    Map<String, Double> importances = predictor.featureImportances();

    assertThat(importances.keySet()).containsExactlyElementsOf(DeploymentFeatures.NAMES);
    assertThat(importances.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
    assertThat(importances.get("steps")).isGreaterThan(importances.get("hour_of_day"));
    assertThat(importances.get("size_mb")).isGreaterThan(importances.get("accuracy"));
    assertThat(importances.get("fleet_load")).isGreaterThan(importances.get("day_of_week"));
  }

  @Test
  void restoredPredictorPredictsExactlyTheSame() {
    OutcomePredictor restored = TRAINER.restore(predictor.serialize());

    assertSamePredictions(restored, predictor);
    assertThat(restored.featureImportances()).isEqualTo(predictor.featureImportances());
  }

  @Test
  void theSameSeedGivesTheSameForests() {
    OutcomePredictor again = TRAINER.fit(split.training(), 42);

    assertSamePredictions(again, predictor);
  }

  @Test
  void allSuccessesGiveASmoothedConstantRisk() {
    List<DeploymentOutcome> promoted = relabel(TestOutcomes.generate(60, 3), DeploymentOutcome.Result.PROMOTED);

    OutcomePredictor p = TRAINER.fit(promoted, 1);

    DeploymentFeatures any = promoted.get(0).features();
    assertThat(p.predict(any).failureRisk()).isEqualTo(1.0 / 62);
    assertThat(p.predict(any).durationSeconds()).isPositive();
    assertThat(p.featureImportances().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1, within(1e-9));
    assertThat(TRAINER.restore(p.serialize()).predict(any)).isEqualTo(p.predict(any));
  }

  @Test
  void allFailuresGiveASmoothedConstantRisk() {
    List<DeploymentOutcome> aborted = relabel(TestOutcomes.generate(60, 3), DeploymentOutcome.Result.ROLLED_BACK);

    OutcomePredictor p = TRAINER.fit(aborted, 1);

    assertThat(p.predict(aborted.get(0).features()).failureRisk()).isEqualTo(61.0 / 62);
  }

  @Test
  void fitsOnASingleOutcomeWithEqualImportances() {
    List<DeploymentOutcome> one = TestOutcomes.generate(1, 5);

    OutcomePredictor p = TRAINER.fit(one, 1);

    assertThat(p.predict(one.get(0).features()).durationSeconds())
        .isCloseTo(one.get(0).durationSeconds(), within(1e-9));
    assertThat(p.featureImportances().values()).containsOnly(1.0 / DeploymentFeatures.NAMES.size());
  }

  @Test
  void refusesEmptyTrainingAndForeignBytes() {
    assertThatThrownBy(() -> TRAINER.fit(List.of(), 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> TRAINER.restore(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TRAINER.restore(serialized(new ArrayList<>(List.of(Instant.EPOCH)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TRAINER.restore(serialized(new Foreign("not a model"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REJECTED");
  }

  @Test
  void namesTheLibraryAndTheForestSize() {
    assertThat(TRAINER.library()).isEqualTo("smile-core 3.1.1 random forest (100 trees)");
  }

  private static void assertSamePredictions(OutcomePredictor actual, OutcomePredictor expected) {
    Random random = new Random(11);
    IntStream.range(0, 200).mapToObj(i -> TestOutcomes.features(random)).forEach(f -> {
      Prediction e = expected.predict(f);
      assertThat(actual.predict(f)).isEqualTo(e);
    });
  }

  private static List<DeploymentOutcome> relabel(List<DeploymentOutcome> outcomes, DeploymentOutcome.Result result) {
    return outcomes.stream().map(o -> new DeploymentOutcome(o.model(), o.rolloutId(), o.version(), o.startedAt(),
        o.endedAt(), o.features(), result, o.durationSeconds(), o.sloViolationMinutes())).toList();
  }

  /** A class the predictor's bytes may not hold. */
  private record Foreign(String text) implements java.io.Serializable {}

  /** Bytes in the predictor's format whose first object is not a forest. */
  private static byte[] serialized(Object first) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeInt(2);
      out.writeObject(first);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
