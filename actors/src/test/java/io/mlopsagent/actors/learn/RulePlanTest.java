package io.mlopsagent.actors.learn;

import static io.mlopsagent.actors.learn.PlanFixtures.features;
import static io.mlopsagent.actors.learn.PlanFixtures.learnedFleet;
import static io.mlopsagent.actors.learn.PlanFixtures.monday;
import static io.mlopsagent.actors.learn.PlanFixtures.request;
import static io.mlopsagent.actors.learn.PlanFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without a trusted model the seed's three rules plan, each on its own. */
class RulePlanTest {
  private static final Instant NIGHT = monday(3, 10);
  private static final Instant AFTERNOON = monday(14, 10);
  private static final FleetLoadProfile NOT_LEARNED = FleetLoadProfile.empty();

  private static DeploymentPlan plan(PlanRequest request) {
    return DeploymentOptimizer.plan(request, LearnedModel.none());
  }

  /** A small, simple model at night, usage-based CPU 0.8: no rule fires. */
  private static DeploymentPlan quiet() {
    return plan(request(features(50, 1, NIGHT), NIGHT, false, usage(0.8, 0.5), learnedFleet()));
  }

  @Test
  void noRuleFiresForASmallSimpleModelOffPeak() {
    DeploymentPlan plan = quiet();

    assertThat(plan.learned()).isFalse();
    assertThat(plan.basis()).isEqualTo("rules: no model trained yet");
    assertThat(plan.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(plan.canaryWeights()).containsExactly(20, 50, 100);
    assertThat(plan.startAt()).isEqualTo(NIGHT);
    assertThat(plan.delayed()).isFalse();
    assertThat(plan.cpuCores()).isEqualTo(0.8);
    assertThat(plan.resourcesPart().reason()).startsWith("rule: estimated 1.8 min to deploy, within 5 min");
    assertThat(plan.startPart().decision()).isEqualTo("now");
    assertThat(plan.strategyPart().reason()).isEqualTo("rule: 50 MB is within 100 MB: the policy's canary 20/50/100");
  }

  @Test
  void rulePartsAreLowConfidenceAndEstimateNoRisk() {
    DeploymentPlan plan = quiet();

    // 60 s + 0.3 s x 50 MB + 30 s x 1
    assertThat(plan.predicted()).isEqualTo(new Prediction(105, Double.NaN));
    for (PlanPart part : List.of(plan.strategyPart(), plan.startPart(), plan.resourcesPart())) {
      assertThat(part.confidence()).isEqualTo(0.3);
      assertThat(part.predictedRisk()).isNaN();
      assertThat(part.predictedDurationSeconds()).isEqualTo(105);
      assertThat(part.reason()).startsWith("rule: ");
    }
  }

  @Test
  void aSlowDeploymentGetsComplexityTimesTwoCores() {
    // 60 + 0.3 x 80 + 30 x 1.5 = 129 s: not slow; 60 + 0.3 x 800 + 45 = 345 s: slow
    DeploymentPlan fast = plan(request(features(80, 1.5, NIGHT), NIGHT, false, usage(0.8, 0.5), learnedFleet()));
    DeploymentPlan slow = plan(request(features(800, 1.5, NIGHT), NIGHT, false, usage(0.8, 0.5), learnedFleet()));

    assertThat(fast.cpuCores()).isEqualTo(0.8);
    assertThat(slow.cpuCores()).isEqualTo(3.0);
    assertThat(slow.resourcesPart().reason()).startsWith("rule: estimated 5.8 min to deploy, over 5 min: 3.00 cores");
  }

  @Test
  void aSlowDeploymentGetsAtMostFourCoresNeverLessThanItsUsageAndNeverMoreThanTheCap() {
    DeploymentFeatures complex = features(800, 5, NIGHT); // 5 x 2 = 10 cores asked

    assertThat(plan(request(complex, NIGHT, false, usage(0.8, 0.5), learnedFleet())).cpuCores()).isEqualTo(4);
    assertThat(plan(request(complex, NIGHT, false, usage(5.5, 5), learnedFleet())).cpuCores()).isEqualTo(5.5);
    PlanRequest capped = new PlanRequest(complex, NIGHT, false, List.of(20, 50, 100), usage(0.8, 0.5),
        learnedFleet(), 2.0, Duration.ofHours(12));
    assertThat(plan(capped).cpuCores()).isEqualTo(2.0);
    assertThat(plan(capped).resourcesPart().reason()).endsWith("capped by the policy");
  }

  @Test
  void withoutUsageHistoryTheCurrentCpuStays() {
    DeploymentPlan plan = plan(request(features(50, 1, NIGHT), NIGHT, false, CpuRecommendation.none(),
        learnedFleet()));

    assertThat(plan.cpuCores()).isEqualTo(1.0);
    assertThat(plan.resourcesPart().reason()).contains("current 1.00 core, not enough usage history");
  }

  @Test
  void aPeakHourWaitsTwoHours() {
    DeploymentPlan plan = plan(request(features(50, 1, AFTERNOON), AFTERNOON, false, usage(0.8, 0.5),
        learnedFleet()));

    assertThat(plan.startAt()).isEqualTo(AFTERNOON.plus(Duration.ofHours(2)));
    assertThat(plan.delayed()).isTrue();
    assertThat(plan.startPart().decision()).isEqualTo("16:10 UTC (in 2 h)");
    assertThat(plan.startPart().reason()).isEqualTo("rule: 14:00 UTC is among the fleet's learned peak hours: "
        + "start 2 h later");
  }

  @Test
  void beforeTheFleetIsLearnedNineToSeventeenUtcIsPeak() {
    DeploymentPlan morning = plan(request(features(50, 1, monday(9, 0)), monday(9, 0), false, usage(0.8, 0.5),
        NOT_LEARNED));
    DeploymentPlan evening = plan(request(features(50, 1, monday(17, 59)), monday(17, 59), false,
        usage(0.8, 0.5), NOT_LEARNED));
    DeploymentPlan night = plan(request(features(50, 1, monday(18, 0)), monday(18, 0), false, usage(0.8, 0.5),
        NOT_LEARNED));

    assertThat(morning.delayed()).isTrue();
    assertThat(evening.delayed()).isTrue();
    assertThat(night.delayed()).isFalse();
    assertThat(morning.startPart().reason()).contains("09..17 UTC, the peak until the fleet's load is learned");
  }

  @Test
  void theWaitIsCutToThePolicysMaximumDelay() {
    PlanRequest oneHour = new PlanRequest(features(50, 1, AFTERNOON), AFTERNOON, false, List.of(20, 50, 100),
        usage(0.8, 0.5), learnedFleet(), 8, Duration.ofHours(1));
    PlanRequest none = new PlanRequest(features(50, 1, AFTERNOON), AFTERNOON, false, List.of(20, 50, 100),
        usage(0.8, 0.5), learnedFleet(), 8, Duration.ZERO);

    assertThat(plan(oneHour).startAt()).isEqualTo(AFTERNOON.plus(Duration.ofHours(1)));
    assertThat(plan(none).delayed()).isFalse();
    assertThat(plan(none).startPart().reason()).contains("the policy allows no delay");
  }

  @Test
  void anUrgentRolloutNeverWaits() {
    DeploymentPlan plan = plan(request(features(50, 1, AFTERNOON), AFTERNOON, true, usage(0.8, 0.5),
        learnedFleet()));

    assertThat(plan.startAt()).isEqualTo(AFTERNOON);
    assertThat(plan.startPart().reason()).contains("a degradation triggered this rollout");
  }

  @Test
  void aLargeArtifactGoesOutAsACanaryStartingAtTenPercent() {
    DeploymentPlan canaryPolicy = plan(request(features(150, 1, NIGHT), NIGHT, false, usage(0.8, 0.5),
        learnedFleet()));
    DeploymentFeatures blueGreen = features(150, 1, NIGHT).withPlan(Strategy.BLUE_GREEN, 1, 1.0);
    DeploymentPlan blueGreenPolicy = plan(new PlanRequest(blueGreen, NIGHT, false, List.of(), usage(0.8, 0.5),
        learnedFleet(), 8, Duration.ofHours(12)));

    assertThat(canaryPolicy.canaryWeights()).containsExactly(10, 20, 50, 100);
    assertThat(canaryPolicy.strategyPart().reason())
        .isEqualTo("rule: 150 MB is over 100 MB: canary 10/20/50/100, starting at 10 %");
    assertThat(blueGreenPolicy.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(blueGreenPolicy.canaryWeights()).containsExactly(10, 50, 100);
    assertThat(blueGreenPolicy.steps()).isEqualTo(3);
  }

  @Test
  void aSmallArtifactKeepsAPolicyBlueGreen() {
    DeploymentFeatures blueGreen = features(40, 1, NIGHT).withPlan(Strategy.BLUE_GREEN, 1, 1.0);
    DeploymentPlan plan = plan(new PlanRequest(blueGreen, NIGHT, false, List.of(), usage(0.8, 0.5), learnedFleet(),
        8, Duration.ofHours(12)));

    assertThat(plan.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(plan.canaryWeights()).isEmpty();
    assertThat(plan.steps()).isEqualTo(1);
    assertThat(plan.strategyPart().decision()).isEqualTo("blue-green");
  }

  @Test
  void aPolicyCanaryAlreadyStartingLowIsKeptForALargeArtifact() {
    DeploymentPlan plan = plan(new PlanRequest(features(500, 1, NIGHT), NIGHT, false, List.of(5, 100),
        usage(0.8, 0.5), learnedFleet(), 8, Duration.ofHours(12)));

    assertThat(plan.canaryWeights()).containsExactly(5, 100);
  }
}
