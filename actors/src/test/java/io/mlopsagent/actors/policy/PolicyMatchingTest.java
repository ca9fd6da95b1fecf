package io.mlopsagent.actors.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyMatchingTest {
  private static final Map<String, String> NO_LABELS = Map.of();

  private static Policy resolve(PolicyBook book, String model, Map<String, String> labels) {
    return book.resolve(ModelName.of(model), labels);
  }

  @Test
  void overrideMatchesModelsByGlob() {
    PolicyBook book = ShippedPolicies.with("""
        policies.overrides = [
          { name = fraud, match.model = "fraud-*", mode = recommend }
          { name = one-digit, match.model = "churn-?", mode = observe }
        ]
        """);

    assertThat(resolve(book, "fraud-scoring-001", NO_LABELS).name()).isEqualTo("fraud");
    assertThat(resolve(book, "fraud-x", NO_LABELS).name()).isEqualTo("fraud");
    assertThat(resolve(book, "churn-7", NO_LABELS).name()).isEqualTo("one-digit");
    assertThat(resolve(book, "churn-17", NO_LABELS).name()).isEqualTo("default");
    assertThat(resolve(book, "antifraud-1", NO_LABELS).name()).isEqualTo("default");
    assertThat(resolve(book, "Fraud-1", NO_LABELS).name()).as("case-sensitive, as label values").isEqualTo("default");
    assertThat(resolve(book, "fraud-1", NO_LABELS).mode()).isEqualTo(PolicyMode.RECOMMEND);
  }

  @Test
  void overrideMatchesByLabelsOnlyWhenAllGivenLabelsAreEqual() {
    PolicyBook book = ShippedPolicies.with("""
        policies.overrides = [
          { name = critical-risk, match.labels { "mlops.ai/tier" = critical, team = risk }, mode = observe }
        ]
        """);

    assertThat(resolve(book, "any-model", Map.of("mlops.ai/tier", "critical", "team", "risk", "env", "prod")).name())
        .isEqualTo("critical-risk");
    assertThat(resolve(book, "any-model", Map.of("mlops.ai/tier", "critical")).name()).isEqualTo("default");
    assertThat(resolve(book, "any-model", Map.of("mlops.ai/tier", "critical", "team", "growth")).name())
        .isEqualTo("default");
    assertThat(resolve(book, "any-model", NO_LABELS).name()).isEqualTo("default");
  }

  @Test
  void globAndLabelsMustBothMatchWhenBothAreGiven() {
    PolicyBook book = ShippedPolicies.with("""
        policies.overrides = [ { name = prod-fraud, match { model = "fraud-*", labels.env = prod }, mode = observe } ]
        """);

    assertThat(resolve(book, "fraud-1", Map.of("env", "prod")).name()).isEqualTo("prod-fraud");
    assertThat(resolve(book, "fraud-1", Map.of("env", "staging")).name()).isEqualTo("default");
    assertThat(resolve(book, "churn-1", Map.of("env", "prod")).name()).isEqualTo("default");
  }

  @Test
  void firstMatchingOverrideInFileOrderWins() {
    PolicyBook book = ShippedPolicies.with("""
        policies.overrides = [
          { name = fraud-eu, match.model = "fraud-eu-*", mode = observe }
          { name = fraud, match.model = "fraud-*", mode = recommend }
          { name = never-reached, match.model = "fraud-eu-1", mode = act }
        ]
        """);

    assertThat(resolve(book, "fraud-eu-1", NO_LABELS).name()).isEqualTo("fraud-eu");
    assertThat(resolve(book, "fraud-us-1", NO_LABELS).name()).isEqualTo("fraud");
  }

  @Test
  void partialOverrideFallsBackToTheDefaultFieldByField() {
    PolicyBook book = ShippedPolicies.with("""
        policies.overrides = [
          { name = canary, match.model = "fraud-*", rollout.strategy = canary, detection.thresholds.cpu-high = 0.9 }
        ]
        """);

    Policy fraud = resolve(book, "fraud-1", NO_LABELS);
    Policy defaults = book.defaultPolicy();
    assertThat(fraud.rollout().strategy()).isEqualTo(RolloutStrategy.CANARY);
    assertThat(fraud.rollout().canarySteps()).isEqualTo(defaults.rollout().canarySteps());
    assertThat(fraud.rollout().rollbackWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(fraud.detection().thresholds().cpuHigh()).isEqualTo(0.9);
    assertThat(fraud.detection().thresholds().cpuLow()).isEqualTo(0.2);
    assertThat(fraud.detection().halfLife()).isEqualTo(defaults.detection().halfLife());
    assertThat(fraud.mode()).isEqualTo(defaults.mode());
    assertThat(fraud.scaling()).isEqualTo(defaults.scaling());
    assertThat(fraud.analysis()).isEqualTo(defaults.analysis());
    assertThat(fraud.safety()).isEqualTo(defaults.safety());
  }

  @Test
  void globStarMatchesAnyRunAndQuestionMarkExactlyOneCharacter() {
    assertThat(new ModelGlob("*").matches("a")).isTrue();
    assertThat(new ModelGlob("a*").matches("a")).as("* also matches no characters").isTrue();
    assertThat(new ModelGlob("a*b*c").matches("axxbyyc")).isTrue();
    assertThat(new ModelGlob("a*b*c").matches("axxbyy")).isFalse();
    assertThat(new ModelGlob("*-001").matches("fraud-scoring-001")).isTrue();
    assertThat(new ModelGlob("fraud-???").matches("fraud-001")).isTrue();
    assertThat(new ModelGlob("fraud-???").matches("fraud-01")).isFalse();
    assertThat(new ModelGlob("fraud.v1").matches("fraudXv1")).as("'.' is literal").isFalse();
    assertThat(new ModelGlob("**a**").matches("bab")).isTrue();
  }

  @Test
  void globWithCharactersNoModelNameHoldsIsRefused() {
    assertThatThrownBy(() -> new ModelGlob("fraud-[0-9]*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fraud-[0-9]*");
  }
}
