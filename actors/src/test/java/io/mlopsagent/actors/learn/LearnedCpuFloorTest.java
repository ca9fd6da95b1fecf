package io.mlopsagent.actors.learn;

import static io.mlopsagent.actors.learn.PlanFixtures.features;
import static io.mlopsagent.actors.learn.PlanFixtures.learnedFleet;
import static io.mlopsagent.actors.learn.PlanFixtures.monday;
import static io.mlopsagent.actors.learn.PlanFixtures.request;
import static io.mlopsagent.actors.learn.PlanFixtures.trusted;
import static io.mlopsagent.actors.learn.PlanFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LearnedCpuFloorTest {

  @Test
  void aLearnedPlanNeverGivesLessCpuThanTheRulesWouldWhereNoOutcomeShowsWhatLessDoes() {
    Instant at = monday(3, 10);
    // A forest trained where slow deployments always had the rules' 4 cores sees no difference below.
    PlanFixtures.FakePredictor flat = new PlanFixtures.FakePredictor(f -> 1200, f -> 0.05);
    DeploymentPlan plan = DeploymentOptimizer.plan(
        request(features(1500, 5, at), at, false, usage(0.5, 0.4), learnedFleet()), trusted(flat));

    assertThat(plan.learned()).isTrue();
    assertThat(plan.cpuCores()).isEqualTo(4.0);
  }
}
