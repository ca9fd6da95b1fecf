package io.mlopsagent.simulation.agent;

import static io.mlopsagent.simulation.agent.AgentHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.learn.FleetLearning;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.rollout.Strategy;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.VersionQuality;
import io.mlopsagent.simulation.world.DemoFaults;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a model's entity journals for the learner, and how a plan shapes its rollouts. */
class DeploymentOutcomeTest {
  private static final String CANARY = "policies.default.rollout.strategy = canary";

  @Test
  void aPromotedRolloutLeavesAnOutcomeWithWhatWasKnownBeforeItStarted() {
    try (AgentHarness h = staged(1, CANARY)) {
      h.runUntil(at(Duration.ofMinutes(40)));

      List<DeploymentOutcome> outcomes = outcomes(h);
      assertThat(outcomes).hasSize(1);
      DeploymentOutcome o = outcomes.get(0);
      Decisions.RolloutStarted started = h.journaled(Decisions.RolloutStarted.class).get(0);
      Decisions.RolloutPromoted promoted = h.journaled(Decisions.RolloutPromoted.class).get(0);
      ModelProfile p = h.world.fleet().profile(h.model);
      assertThat(o.result()).isEqualTo(DeploymentOutcome.Result.PROMOTED);
      assertThat(o.rolloutId()).isEqualTo(started.rollout().id());
      assertThat(o.version()).isEqualTo("v2");
      assertThat(o.durationSeconds())
          .isEqualTo(Duration.between(started.info().at(), promoted.info().at()).toSeconds());
      assertThat(o.features().sizeMb()).isEqualTo(p.sizeMb());
      assertThat(o.features().complexity()).isEqualTo(p.complexity());
      assertThat(o.features().strategy()).isEqualTo(Strategy.CANARY);
      assertThat(o.features().steps()).isEqualTo(started.rollout().spec().stepCount());
      assertThat(o.features().cpuCores()).isEqualTo(started.plan().cpuCores());
      // The model as it served before the rollout: its own resources, not the plan's.
      assertThat(o.features().replicas()).isEqualTo(p.replicas());
      assertThat(o.features().servingCpuCores()).isEqualTo(p.cpuCores());
      assertThat(o.features().accuracy()).isBetween(0.5, 1.0);
      assertThat(o.features().latencyP95Seconds()).isPositive();
      assertThat(o.features().concurrentRollouts()).isZero();
      assertThat(o.features().hourOfDay()).isEqualTo(9);
      assertThat(o.features().dayOfWeek()).isEqualTo(1);
      // 10 s windows, three measurements a step.
      assertThat(o.features().analysisSecondsPerStep()).isEqualTo(30.0);
      assertThat(h.state().deployments().current()).isNull();
    }
  }

  @Test
  void anAbortedRolloutIsAFailedOutcome() {
    try (AgentHarness h = staged(3, "")) {
      h.runUntil(at(Duration.ofMinutes(30)));

      assertThat(outcomes(h)).extracting(DeploymentOutcome::result).containsExactly(DeploymentOutcome.Result.ABORTED);
      // The version validated well but is bad in production: the users met it during the rollout.
      assertThat(outcomes(h).get(0).succeeded()).isFalse();
    }
  }

  @Test
  void aRollbackSoonAfterThePromotionTurnsItsOutcomeIntoAFailure() {
    try (AgentHarness h = staged(4, "")) {
      h.runUntil(at(Duration.ofMinutes(30)));

      List<DeploymentOutcome> outcomes = outcomes(h);
      assertThat(outcomes).extracting(DeploymentOutcome::result)
          .containsExactly(DeploymentOutcome.Result.PROMOTED, DeploymentOutcome.Result.ROLLED_BACK);
      assertThat(outcomes.get(1).rolloutId()).isEqualTo(outcomes.get(0).rolloutId());
      assertThat(outcomes.get(1).durationSeconds()).isEqualTo(outcomes.get(0).durationSeconds());
    }
  }

  @Test
  void aRollingUpdateOfAVersionBadOnlyInAccuracyReachesEveryUserWhereACanaryStopsIt() {
    // Model 3's v2 validates well but serves at 0.70 accuracy, with healthy errors and latency.
    DeploymentOutcome canary;
    try (AgentHarness h = staged(3, CANARY)) {
      h.runUntil(at(Duration.ofMinutes(60)));
      canary = outcomes(h).get(0);
      assertThat(h.world.cluster().current(h.model).orElseThrow().stableVersion()).isNotEqualTo("v2");
    }
    try (AgentHarness h = staged(3, "policies.default.rollout.strategy = rolling")) {
      h.runUntil(at(Duration.ofMinutes(60)));

      DeploymentOutcome rolling = outcomes(h).get(0);
      assertThat(canary.result()).isEqualTo(DeploymentOutcome.Result.ABORTED);
      // The batches' health gate does not look at accuracy: promoted to every user.
      assertThat(rolling.features().strategy()).isEqualTo(Strategy.ROLLING);
      assertThat(rolling.result()).isEqualTo(DeploymentOutcome.Result.PROMOTED);
      assertThat(h.world.cluster().current(h.model).orElseThrow().stableVersion()).isEqualTo("v2");
    }
  }

  @Test
  void aRolloutThatMayWaitIsScheduledOutOfThePeakHoursAndStartsThen() {
    // 09:00 UTC on a Monday: a peak hour by the rules while the fleet's load is not learned.
    try (AgentHarness h = new AgentHarness(0, "policies.default.rollout.upgrade-check-interval = 10m",
        new FleetLearning(false, Duration.ofHours(12)))) {
      ModelProfile p = h.world.fleet().profile(h.model);
      h.world.registry().register(new ModelVersion(h.model, "v2", p.baseAccuracy() + 0.02, Set.of()),
          new VersionQuality(p.baseAccuracy() + 0.02, 1.0, p.baseErrorRate(), p.baseErrorRate()), AgentHarness.START);
      h.runUntil(at(Duration.ofMinutes(30)));

      Decisions.RolloutScheduled scheduled = h.journaled(Decisions.RolloutScheduled.class).get(0);
      assertThat(scheduled.plan().startAt()).isEqualTo(scheduled.info().at().plus(Duration.ofHours(2)));
      assertThat(scheduled.info().reason()).contains("rule").contains("later");
      assertThat(h.journaled(Decisions.RolloutStarted.class)).as("nothing starts before its time").isEmpty();
      assertThat(h.state().deployments().scheduled()).isNotNull();

      h.runUntil(scheduled.plan().startAt().plus(Duration.ofMinutes(1)));

      Decisions.RolloutStarted started = h.journaled(Decisions.RolloutStarted.class).get(0);
      assertThat(started.info().at()).isAfterOrEqualTo(scheduled.plan().startAt());
      assertThat(started.rollout().toVersion()).isEqualTo("v2");
      assertThat(started.plan().delayed()).as("not put off twice").isFalse();
      assertThat(h.journaled(Decisions.RolloutScheduled.class)).hasSize(1);
    }
  }

  @Test
  void anUrgentRolloutIsNeverPutOff() {
    try (AgentHarness h = new AgentHarness(1, CANARY, new FleetLearning(false, Duration.ofHours(12)))) {
      DemoFaults.stage(h.world, AgentHarness.START);
      h.runUntil(at(Duration.ofMinutes(40)));

      assertThat(h.journaled(Decisions.RolloutScheduled.class)).isEmpty();
      assertThat(h.decisionTypes()).contains("rollout_started", "rollout_promoted");
    }
  }

  private static List<DeploymentOutcome> outcomes(AgentHarness h) {
    return h.journaled(ModelAgent.OutcomeRecorded.class).stream().map(ModelAgent.OutcomeRecorded::outcome).toList();
  }

  private static AgentHarness staged(int model, String overrides) {
    AgentHarness h = new AgentHarness(model, overrides);
    DemoFaults.stage(h.world, AgentHarness.START);
    return h;
  }
}
