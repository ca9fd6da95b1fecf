package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the optimizer may plan with the learned model, and why not otherwise. */
class LearnedModelTest {
  private static final OutcomePredictor PREDICTOR = new PlanFixtures.FakePredictor(f -> 600, f -> 0.1);
  private static final Instant AT = PlanFixtures.MONDAY;

  @Test
  void trustedAtTenOutcomesAndR2OfPoint7() {
    LearnedModel model = new LearnedModel(PREDICTOR, new HoldoutMetrics(4, 20, 0.7, 0.4, 0.8), 10, "v1", AT);

    assertThat(model.trusted()).isTrue();
    assertThat(model.whyNotTrusted()).isEmpty();
    assertThat(model.describe()).isEqualTo("learned model v1 (R² 0.70 on 4 held-out outcomes)");
  }

  @Test
  void saysWhyItIsNotTrusted() {
    HoldoutMetrics good = new HoldoutMetrics(10, 20, 0.9, 0.3, 0.9);

    assertThat(LearnedModel.none().whyNotTrusted()).isEqualTo("no model trained yet");
    assertThat(new LearnedModel(null, null, 7, "none", null).whyNotTrusted())
        .isEqualTo("7 outcomes, below the 10 needed");
    assertThat(new LearnedModel(PREDICTOR, good, 7, "v1", AT).whyNotTrusted())
        .isEqualTo("7 outcomes, below the 10 needed");
    assertThat(new LearnedModel(null, good, 12, "v1", AT).whyNotTrusted()).isEqualTo("no model trained yet");
    assertThat(new LearnedModel(PREDICTOR, null, 12, "v1", AT).whyNotTrusted())
        .isEqualTo("not checked on held-out outcomes");
    assertThat(new LearnedModel(PREDICTOR, new HoldoutMetrics(10, 90, 0.52, 0.6, 0.6), 40, "v2", AT).whyNotTrusted())
        .isEqualTo("holdout R² 0.52, below 0.7");
    assertThat(new LearnedModel(PREDICTOR, new HoldoutMetrics(10, 90, Double.NaN, 0.6, 0.6), 40, "v2", AT)
        .trusted()).isFalse();
  }
}
