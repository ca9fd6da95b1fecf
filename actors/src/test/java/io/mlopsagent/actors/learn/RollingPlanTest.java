package io.mlopsagent.actors.learn;

import static io.mlopsagent.actors.learn.PlanFixtures.features;
import static io.mlopsagent.actors.learn.PlanFixtures.learnedFleet;
import static io.mlopsagent.actors.learn.PlanFixtures.monday;
import static io.mlopsagent.actors.learn.PlanFixtures.trusted;
import static io.mlopsagent.actors.learn.PlanFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.learn.PlanFixtures.FakePredictor;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rolling update among the optimizer's options, and the rules' treatment of a rolling policy. */
class RollingPlanTest {
  private static final Instant AT = monday(1, 30);
  private static final DeploymentFeatures CANARY_NOW = features(50, 1, AT);
  /** A canary step (and blue-green's preview) analyses five one-minute windows; a rolling batch reads one. */
  private static final double ANALYSED_STEP = 300;
  private static final double ROLLING_BATCH = 60;

  private static PlanRequest canaryPolicy(DeploymentFeatures now, boolean urgent) {
    return new PlanRequest(now, AT, urgent, PlanFixtures.POLICY_WEIGHTS, usage(1.0, 0.8), learnedFleet(), 8.0,
        Duration.ofHours(12), List.of(25, 50, 75, 100), ANALYSED_STEP, ROLLING_BATCH);
  }

  /**
   * Every deployment needs 200 s before its new pods answer, plus the time its plan's steps take to
   * check (the planner adds that part itself); a rolling update fails with {@code rollingRisk}, the
   * rest with 2 %.
   */
  private static FakePredictor rollingRisk(double rollingRisk) {
    return new FakePredictor(f -> 200 + f.analysisSeconds(),
        f -> f.strategy() == Strategy.ROLLING ? rollingRisk : 0.02);
  }

  @Test
  void rollingWinsWhenItsPredictedRiskIsLow() {
    DeploymentPlan plan = DeploymentOptimizer.plan(canaryPolicy(CANARY_NOW, true), trusted(rollingRisk(0.02)));

    assertThat(plan.strategy()).isEqualTo(Strategy.ROLLING);
    assertThat(plan.canaryWeights()).containsExactly(25, 50, 75, 100);
    assertThat(plan.steps()).isEqualTo(4);
    // 4 batches x 60 s beat blue-green's one 300 s analysis and the canary's 3 x 300 s.
    assertThat(plan.predicted().durationSeconds()).isEqualTo(200 + 4 * ROLLING_BATCH);
    assertThat(plan.strategyPart().reason()).startsWith("rolling 25/50/75/100 instead of the policy's canary "
        + "20/50/100: predicted 7.3 min and 2 % risk");
  }

  @Test
  void rollingLosesWhenItsPredictedRiskIsHigh() {
    DeploymentPlan plan = DeploymentOptimizer.plan(canaryPolicy(CANARY_NOW, true), trusted(rollingRisk(0.25)));

    assertThat(plan.strategy()).isNotEqualTo(Strategy.ROLLING);
    assertThat(plan.strategyPart().reason())
        .contains("rolling 25/50/75/100 refused: predicted 25 % risk, 20 % is the most a quick rollout may carry");
  }

  @Test
  void aModeratelyRiskyRollingUpdateLosesOnCostBeforeItIsRefused() {
    // 10 % risk is allowed, but a failed rollout costs a retry and four hours: the speed does not pay.
    DeploymentPlan plan = DeploymentOptimizer.plan(canaryPolicy(CANARY_NOW, true), trusted(rollingRisk(0.10)));

    assertThat(plan.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(plan.strategyPart().reason()).doesNotContain("rolling 25/50/75/100 refused");
  }

  @Test
  void aRollingPolicysOwnWayIsItsBatches() {
    DeploymentFeatures rollingNow = CANARY_NOW.withPlan(Strategy.ROLLING, 4, 1.0);
    PlanRequest request = new PlanRequest(rollingNow, AT, true, List.of(), usage(1.0, 0.8), learnedFleet(), 8.0,
        Duration.ofHours(12), List.of(25, 50, 75, 100), ANALYSED_STEP, ROLLING_BATCH);

    DeploymentPlan plan = DeploymentOptimizer.plan(request, trusted(rollingRisk(0.02)));

    assertThat(plan.strategy()).isEqualTo(Strategy.ROLLING);
    assertThat(plan.strategyPart().reason()).startsWith("the policy's rolling 25/50/75/100");
  }

  @Test
  void theRulesKeepARollingPolicyForASmallArtifact() {
    DeploymentFeatures rollingNow = features(50, 1, AT).withPlan(Strategy.ROLLING, 4, 1.0);
    PlanRequest request = new PlanRequest(rollingNow, AT, true, List.of(), usage(1.0, 0.8), learnedFleet(), 8.0,
        Duration.ofHours(12), List.of(34, 68, 100), ANALYSED_STEP, ROLLING_BATCH);

    DeploymentPlan plan = DeploymentOptimizer.plan(request, LearnedModel.none());

    assertThat(plan.learned()).isFalse();
    assertThat(plan.strategy()).isEqualTo(Strategy.ROLLING);
    assertThat(plan.canaryWeights()).containsExactly(34, 68, 100);
    assertThat(plan.strategyPart().reason()).isEqualTo("rule: 50 MB is within 100 MB: the policy's rolling 34/68/100");
  }

  @Test
  void theRulesSendALargeArtifactOutAsTheCarefulCanaryEvenUnderARollingPolicy() {
    DeploymentFeatures rollingNow = features(400, 1, AT).withPlan(Strategy.ROLLING, 4, 1.0);
    PlanRequest request = new PlanRequest(rollingNow, AT, true, List.of(), usage(1.0, 0.8), learnedFleet(), 8.0,
        Duration.ofHours(12), List.of(25, 50, 75, 100), ANALYSED_STEP, ROLLING_BATCH);

    DeploymentPlan plan = DeploymentOptimizer.plan(request, LearnedModel.none());

    assertThat(plan.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(plan.canaryWeights()).containsExactly(10, 50, 100);
  }

  @Test
  void theFeaturesTellRollingApartFromCanaryAndBlueGreen() {
    int rolling = DeploymentFeatures.NAMES.indexOf("rolling");
    int blueGreen = DeploymentFeatures.NAMES.indexOf("blue_green");

    assertThat(CANARY_NOW.withPlan(Strategy.ROLLING, 4, 1).toArray()[rolling]).isEqualTo(1);
    assertThat(CANARY_NOW.withPlan(Strategy.ROLLING, 4, 1).toArray()[blueGreen]).isEqualTo(0);
    assertThat(CANARY_NOW.toArray()[rolling]).isEqualTo(0);
    assertThat(CANARY_NOW.withPlan(Strategy.BLUE_GREEN, 1, 1).toArray()[rolling]).isEqualTo(0);
    assertThat(CANARY_NOW.toArray()).hasSize(DeploymentFeatures.NAMES.size());
  }
}
