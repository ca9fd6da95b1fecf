package io.mlopsagent.actors.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShippedPoliciesTest {

  @Test
  void shippedFileGivesExactlyTheSeedDefaults() {
    PolicyBook book = PolicyLoader.load(ConfigFactory.parseFile(ShippedPolicies.FILE.toFile()).resolve());

    Policy expected = new Policy(
        "default",
        PolicyMode.ACT,
        new DetectionPolicy(Duration.ofHours(6), 30, true, 3.0, Duration.ofHours(6),
            new DetectionPolicy.Thresholds(0.05, 1.5, 0.02, 0.8, 0.2, 3, 30)),
        new ScalingPolicy(true, 1, 20, 1.5, ScalingResource.REPLICAS, 0.25, 8),
        new RolloutPolicy(RolloutStrategy.BLUE_GREEN, List.of(10, 25, 50, 100), 3, Duration.ofMinutes(30), "optimized",
            Duration.ZERO),
        new AnalysisPolicy(0.85, 0.200, 0.01, 1.2, 0, 0, 4),
        new SafetyPolicy(Duration.ofMinutes(15), 4, 5, Duration.ofHours(24)));
    assertThat(book.defaultPolicy()).isEqualTo(expected);
    assertThat(book.overrides()).isEmpty();
    assertThat(book.resolve(ModelName.of("fraud-scoring-001"), Map.of())).isSameAs(book.defaultPolicy());
  }

  @Test
  void commentedExampleOverrideLoadsOnceUncommented() {
    String text = ShippedPolicies.text();
    int overrides = text.indexOf("overrides = [");
    String uncommented = text.substring(0, overrides) + text.substring(overrides).replaceAll("(?m)^    #", "    ");

    PolicyBook book = PolicyLoader.parse(uncommented);

    assertThat(book.overrides()).hasSize(1);
    Policy fraud = book.resolve(ModelName.of("fraud-scoring-001"), Map.of("mlops.ai/tier", "critical"));
    assertThat(fraud.name()).isEqualTo("fraud-canary");
    assertThat(fraud.rollout().strategy()).isEqualTo(RolloutStrategy.CANARY);
    assertThat(fraud.rollout().canarySteps()).containsExactly(5, 10, 25, 50, 100);
    assertThat(fraud.analysis().minAccuracy()).isEqualTo(0.92);
    assertThat(fraud.safety().cooldown()).isEqualTo(Duration.ofMinutes(30));
    assertThat(book.resolve(ModelName.of("fraud-scoring-001"), Map.of()).name()).isEqualTo("default");
  }
}
