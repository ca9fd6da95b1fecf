package io.mlopsagent.actors.learn;

import static io.mlopsagent.actors.learn.PlanFixtures.features;
import static io.mlopsagent.actors.learn.PlanFixtures.learnedFleet;
import static io.mlopsagent.actors.learn.PlanFixtures.monday;
import static io.mlopsagent.actors.learn.PlanFixtures.request;
import static io.mlopsagent.actors.learn.PlanFixtures.trusted;
import static io.mlopsagent.actors.learn.PlanFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlopsagent.actors.learn.PlanFixtures.FakePredictor;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a trusted model the optimizer picks the plan the model predicts best, and says why. */
class LearnedPlanTest {
  private static final Instant AT = monday(1, 30);
  private static final DeploymentFeatures NOW = features(50, 1, AT);

  /**
   * Deployments take 300 s, plus 1800 s per core's worth of work (no faster beyond 3 cores), plus
   * 50 min outside 03:00 UTC (the hour the fleet's other jobs are done), plus 100 s per analysis
   * step; 2 % fail.
   */
  private static FakePredictor hourAndCpuDriven() {
    return new FakePredictor(
        f -> 300 + 1800 / Math.min(3, f.cpuCores()) + (f.hourOfDay() == 3 ? 0 : 3000) + 100 * f.steps(), f -> 0.02);
  }

  /** Quick strategies are much faster, and fail with {@code quickRisk}; the rest with 2 %. */
  private static FakePredictor quickIsFast(double quickRisk) {
    return new FakePredictor(f -> f.steps() == 1 ? 300 : f.steps() == 2 ? 400 : 500 * f.steps(),
        f -> f.steps() <= 2 ? quickRisk : 0.02);
  }

  @Test
  void picksTheBestStartHourAndCpu() {
    FakePredictor model = hourAndCpuDriven();
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8), learnedFleet()),
        trusted(model));

    assertThat(plan.learned()).isTrue();
    assertThat(plan.basis()).isEqualTo("learned model v3 (R² 0.83 on 40 held-out outcomes)");
    assertThat(plan.startAt()).isEqualTo(monday(3, 0));
    assertThat(plan.delayed()).isTrue();
    assertThat(plan.cpuCores()).isEqualTo(3.0);
    assertThat(plan.strategy()).isEqualTo(Strategy.BLUE_GREEN); // one step is fastest, and 2 % risk is safe
    assertThat(plan.predicted()).isEqualTo(new Prediction(1000, 0.02));
    assertThat(plan.startPart().decision()).isEqualTo("03:00 UTC (in 90 min)");
    assertThat(plan.startPart().reason()).isEqualTo("start at 03:00 UTC (in 90 min) instead of now: "
        + "predicted 16.7 min and 2 % risk then, against 66.7 min and 2 % risk now");
    assertThat(plan.resourcesPart().reason()).isEqualTo("3.00 cores per replica: "
        + "predicted 16.7 min against 36.7 min at the usage-based 1.00 core");
    assertThat(plan.strategyPart().reason()).isEqualTo("blue-green instead of the policy's canary 20/50/100: "
        + "predicted 16.7 min and 2 % risk, against 20.0 min and 2 % risk");
    // 5 strategies x 5 CPU options (1, 1.5, 2, 3 and 4 cores) x (now + 12 whole hours from 02:00 to 13:00)
    assertThat(model.calls).isEqualTo(325);
  }

  @Test
  void confidenceFollowsTheHoldoutScoresAndTheTrainingSize() {
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8), learnedFleet()),
        trusted(hourAndCpuDriven()));

    // 100 of 200 outcomes: half; R² 0.83 for durations, AUC 0.9 -> 0.8 for risk
    assertThat(plan.startPart().confidence()).isCloseTo(0.415, within(1e-9));
    assertThat(plan.resourcesPart().confidence()).isCloseTo(0.415, within(1e-9));
    assertThat(plan.strategyPart().confidence()).isCloseTo(0.4, within(1e-9));
    assertThat(plan.startPart().predictedDurationSeconds()).isEqualTo(1000);
    assertThat(plan.startPart().predictedRisk()).isEqualTo(0.02);
  }

  @Test
  void anUrgentRolloutStartsNowWhateverLaterHoursPromise() {
    FakePredictor model = hourAndCpuDriven();
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, true, usage(1.0, 0.8), learnedFleet()),
        trusted(model));

    assertThat(plan.startAt()).isEqualTo(AT);
    assertThat(plan.delayed()).isFalse();
    assertThat(plan.cpuCores()).isEqualTo(3.0);
    assertThat(plan.startPart().reason()).isEqualTo("start now: a degradation triggered this rollout, users are hurting");
    assertThat(model.calls).isEqualTo(25);
  }

  @Test
  void withoutALearnedFleetOnlyNowIsConsidered() {
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8),
        FleetLoadProfile.empty()), trusted(hourAndCpuDriven()));

    assertThat(plan.delayed()).isFalse();
    assertThat(plan.startPart().reason()).contains("not learned yet");
  }

  @Test
  void cpuOptionsStopAtThePolicysCap() {
    FakePredictor model = hourAndCpuDriven();
    PlanRequest capped = new PlanRequest(NOW, AT, false, PlanFixtures.POLICY_WEIGHTS, usage(1.0, 0.8),
        learnedFleet(), 2.0, Duration.ofHours(12));

    assertThat(DeploymentOptimizer.plan(capped, trusted(model)).cpuCores()).isEqualTo(2.0);
    assertThat(model.calls).isEqualTo(5 * 3 * 13);
  }

  @Test
  void aTieGoesToThePolicysPlanNowAtTheUsageBasedCpu() {
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8), learnedFleet()),
        trusted(new FakePredictor(f -> 600, f -> 0.05)));

    assertThat(plan.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(plan.canaryWeights()).containsExactly(20, 50, 100);
    assertThat(plan.startAt()).isEqualTo(AT);
    assertThat(plan.cpuCores()).isEqualTo(1.0);
    assertThat(plan.startPart().reason()).isEqualTo("start now: waiting does not pay off (best later start "
        + "02:00 UTC (in 30 min): 10.0 min and 5 % risk, against 10.0 min and 5 % risk now)");
    assertThat(plan.resourcesPart().reason()).isEqualTo("usage-based 1.00 core per replica: more CPU does not pay off"
        + " (10.0 min at 1.50 cores, against 10.0 min)");
    assertThat(plan.strategyPart().reason()).startsWith("the policy's canary 20/50/100: predicted 10.0 min and 5 % risk");
  }

  @Test
  void quickStrategiesAreRefusedUnderHighRisk() {
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8), learnedFleet()),
        trusted(quickIsFast(0.3)));

    assertThat(plan.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(plan.canaryWeights()).containsExactly(20, 50, 100);
    assertThat(plan.strategyPart().reason())
        .contains("blue-green refused: predicted 30 % risk, 20 % is the most a quick rollout may carry")
        .contains("canary 25/100 refused: predicted 30 % risk");
  }

  @Test
  void quickStrategiesAreTakenWhenSafe() {
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8), learnedFleet()),
        trusted(quickIsFast(0.05)));

    assertThat(plan.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(plan.canaryWeights()).isEmpty();
    assertThat(plan.strategyPart().decision()).isEqualTo("blue-green");
    assertThat(plan.strategyPart().reason()).isEqualTo("blue-green instead of the policy's canary 20/50/100: "
        + "predicted 5.0 min and 5 % risk, against 25.0 min and 2 % risk");
  }

  @Test
  void thePolicysOwnBlueGreenStaysAllowedUnderHighRisk() {
    DeploymentFeatures blueGreen = NOW.withPlan(Strategy.BLUE_GREEN, 1, 1.0);
    DeploymentPlan plan = DeploymentOptimizer.plan(new PlanRequest(blueGreen, AT, false, List.of(),
        usage(1.0, 0.8), learnedFleet(), 8, Duration.ofHours(12)),
        // Everything is as risky; the policy's one step is far quicker than any canary.
        trusted(new FakePredictor(f -> f.steps() == 1 ? 300 : 20_000, f -> 0.3)));

    assertThat(plan.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(plan.strategyPart().reason()).startsWith("the policy's blue-green");
  }

  @Test
  void anUntrustedModelLeavesThePlanToTheRulesAndSaysWhy() {
    FakePredictor predictor = hourAndCpuDriven();
    LearnedModel few = new LearnedModel(predictor, new HoldoutMetrics(3, 30, 0.9, 0.3, 0.9), 7, "v1", AT);
    LearnedModel poor = new LearnedModel(predictor, new HoldoutMetrics(10, 300, 0.52, 0.6, 0.6), 40, "v2", AT);
    PlanRequest request = request(NOW, AT, false, usage(1.0, 0.8), learnedFleet());

    DeploymentPlan fewPlan = DeploymentOptimizer.plan(request, few);
    DeploymentPlan poorPlan = DeploymentOptimizer.plan(request, poor);

    assertThat(fewPlan.learned()).isFalse();
    assertThat(fewPlan.basis()).isEqualTo("rules: 7 outcomes, below the 10 needed");
    assertThat(poorPlan.basis()).isEqualTo("rules: holdout R² 0.52, below 0.7");
    assertThat(predictor.calls).isZero();
    assertThat(fewPlan.predicted().failureRisk()).isNaN();
  }

  @Test
  void aModelThatGivesNoUsablePredictionLeavesThePlanToTheRules() {
    DeploymentPlan plan = DeploymentOptimizer.plan(request(NOW, AT, false, usage(1.0, 0.8), learnedFleet()),
        trusted(new FakePredictor(f -> Double.NaN, f -> 0.1)));

    assertThat(plan.learned()).isFalse();
    assertThat(plan.basis()).isEqualTo("rules: learned model v3 (R² 0.83 on 40 held-out outcomes) "
        + "gave no usable prediction for the policy's plan");
  }
}
