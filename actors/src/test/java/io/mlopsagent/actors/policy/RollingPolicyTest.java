package io.mlopsagent.actors.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlopsagent.actors.analysis.AnalysisMetric;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.rollout.RolloutSpec;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rollout.strategy = rolling} and {@code rollout.rolling.max-surge}: read, refused, translated. */
class RollingPolicyTest {

  @Test
  void rollingWithAPercentSurgeGivesBatchesOfThatShare() {
    Policy p = ShippedPolicies.with("""
        policies.default.rollout { strategy = rolling, rolling.max-surge = "40%" }
        """).defaultPolicy();

    assertThat(p.rollout().strategy()).isEqualTo(RolloutStrategy.ROLLING);
    assertThat(p.rollout().rollingMaxSurge()).isEqualTo(40);
    assertThat(p.rollout().rollingBatches()).containsExactly(40, 80, 100);
  }

  @Test
  void aBareNumberIsAPercentageToo() {
    Policy p = ShippedPolicies.with("policies.default.rollout.rolling.max-surge = 50").defaultPolicy();

    assertThat(p.rollout().rollingBatches()).containsExactly(50, 100);
  }

  @Test
  void theShippedSurgeIsKubernetesDefaultAQuarter() {
    Policy p = ShippedPolicies.with("").defaultPolicy();

    assertThat(p.rollout().rollingMaxSurge()).isEqualTo(25);
    assertThat(p.rollout().rollingBatches()).containsExactly(25, 50, 75, 100);
  }

  @Test
  void aSurgeOutside1To100OrNotAPercentageIsRefusedNamingPathValueAndRule() {
    String rule = ": expected a whole percentage of the pods from 1% to 100%, such as 25%";
    PolicyProblem problem = catchThrowableOfType(PolicyProblem.class, () -> ShippedPolicies.with("""
        policies.default.rollout.rolling.max-surge = "0%"
        policies.overrides = [
          { name = a, match.model = "a-*", rollout.rolling.max-surge = "150%" }
          { name = b, match.model = "b-*", rollout.rolling.max-surge = 2 pods }
          { name = c, match.model = "c-*", rollout.rolling.max-surge = 12.5 }
        ]
        """));

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.default.rollout.rolling.max-surge = \"0%\"" + rule,
        "policies.overrides[0].rollout.rolling.max-surge = \"150%\"" + rule,
        "policies.overrides[1].rollout.rolling.max-surge = \"2 pods\"" + rule,
        "policies.overrides[2].rollout.rolling.max-surge = 12.5" + rule);
  }

  @Test
  void anUnknownKeyUnderRollingIsRefused() {
    PolicyProblem problem = catchThrowableOfType(PolicyProblem.class,
        () -> ShippedPolicies.with("policies.default.rollout.rolling.max-unavailable = \"10%\""));

    assertThat(problem.problems()).singleElement().asString()
        .startsWith("policies.default.rollout.rolling.max-unavailable = \"10%\": unknown key: expected one of max-surge");
  }

  @Test
  void aPolicyJournaledBeforeRollingExistedGetsTheDefaultSurge() {
    RolloutPolicy old = new RolloutPolicy(RolloutStrategy.CANARY, List.of(10, 100), 3, Duration.ofMinutes(30), "opt",
        Duration.ZERO, null, null, 0);

    assertThat(old.rollingMaxSurge()).isEqualTo(RolloutPolicy.DEFAULT_ROLLING_MAX_SURGE);
    assertThatThrownBy(() -> new RolloutPolicy(RolloutStrategy.ROLLING, List.of(10, 100), 3, Duration.ofMinutes(30),
        "opt", Duration.ZERO, null, null, 101)).hasMessageContaining("rolling max surge 101 %: allowed is 1..100");
  }

  @Test
  void aRollingPolicyTranslatesToBatchesGatedByHealthOnlyReadOnce() {
    Policy p = ShippedPolicies.with("policies.default.rollout.strategy = rolling").defaultPolicy();

    RolloutSpec spec = PolicyTranslation.rolloutSpec(p);

    assertThat(spec.strategy()).isEqualTo(Strategy.ROLLING);
    assertThat(spec.stepCount()).isEqualTo(4);
    assertThat(spec.weight(1)).isEqualTo(50);
    assertThat(spec.progressDeadline()).isEqualTo(p.rollout().progressDeadline());
    // A health gate: error rate and latency against the service level, no accuracy, no comparison with stable.
    assertThat(spec.analysis().metrics()).extracting(AnalysisMetric::metric)
        .containsExactlyInAnyOrder(MetricKind.ERROR_RATE, MetricKind.LATENCY_P95_SECONDS);
    assertThat(spec.analysis().metrics()).allSatisfy(m -> {
      assertThat(m.needsStable()).isFalse();
      assertThat(m.count()).isEqualTo(1);
    });
  }

  @Test
  void aCanaryPolicyCanStillTranslateTheOptimizersRollingChoice() {
    Policy p = ShippedPolicies.with("policies.default.rollout.strategy = canary").defaultPolicy();

    RolloutSpec rolling = PolicyTranslation.rolloutSpec(p, Strategy.ROLLING, p.rollout().rollingBatches());
    RolloutSpec canary = PolicyTranslation.rolloutSpec(p, Strategy.CANARY, List.of(10, 50, 100));

    assertThat(rolling.analysis().metrics()).hasSize(2);
    assertThat(canary.analysis().metrics()).hasSize(4);
    assertThat(canary.measurementsPerStep()).isEqualTo(p.rollout().measurementsPerStep());
  }
}
