package io.mlopsagent.simulation.agent;

import static io.mlopsagent.simulation.agent.AgentHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.world.DemoFaults;
import io.mlopsagent.simulation.world.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real entity on the in-memory journal, looking after one model of a simulated world with the
 * demo's staged faults (see {@link DemoFaults}): each test follows one story from degradation to
 * the world changed.
 */
class ModelAgentDecisionsTest {
  private static final String CANARY = "policies.default.rollout.strategy = canary";

  @Test
  void anAccuracyDropWithABetterVersionIsRolledOutByCanaryStepsAndPromoted() {
    try (AgentHarness h = harness(1, CANARY)) {
      h.runUntil(at(Duration.ofMinutes(40)));

      assertThat(h.decisionTypes()).containsExactly("degradation_detected", "rollout_started",
          "canary_step_passed", "canary_step_passed", "canary_step_passed", "canary_step_passed", "rollout_promoted");
      assertThat(h.decisions().stream().filter(d -> d instanceof Decisions.CanaryStepPassed)
          .map(d -> ((Decisions.CanaryStepPassed) d).weight())).containsExactly(10, 25, 50, 100);
      assertThat(workload(h)).extracting(Workload::stableVersion, Workload::candidateVersion).containsExactly("v2", null);
      assertThat(h.world.cluster().appliedActions()).extracting(SimulatedCluster.AppliedAction::what).containsExactly(
          "deploy candidate v2 at 10%", "candidate weight 25%", "candidate weight 50%", "candidate weight 100%",
          "promote candidate");
      Decisions.Decision started = h.decisions().get(1);
      assertThat(started.info().reason()).contains("v2 validated at");
      assertThat(started.info().inputs()).containsKeys("value", "baseline", "threshold", "candidateValidationAccuracy");
      assertThat(started.info().policy()).isEqualTo("default");
    }
  }

  @Test
  void aPausedModelOnlyRecordsWhatItDetectsAndActsOnceResumed() {
    try (AgentHarness h = harness(1, CANARY)) {
      io.mlopsagent.actors.control.OperatorSwitches.Pause pause =
          new io.mlopsagent.actors.control.OperatorSwitches.Pause("alice", "investigating", at(Duration.ZERO));
      h.switches().set(io.mlopsagent.actors.control.OperatorSwitches.none().pausing(h.model, pause));
      h.runUntil(at(Duration.ofMinutes(40)));

      assertThat(h.decisionTypes()).as("paused: the degradation is recorded, nothing is done").isNotEmpty()
          .allMatch(t -> t.equals("degradation_detected"));
      assertThat(h.world.cluster().appliedActions()).isEmpty();

      h.switches().set(io.mlopsagent.actors.control.OperatorSwitches.none());
      h.runUntil(at(Duration.ofMinutes(80)));

      assertThat(h.decisionTypes()).contains("rollout_started", "rollout_promoted");
      assertThat(workload(h).stableVersion()).isEqualTo("v2");
    }
  }

  @Test
  void theFleetKillSwitchHoldsEveryModel() {
    try (AgentHarness h = harness(1, CANARY)) {
      h.switches().set(io.mlopsagent.actors.control.OperatorSwitches.none().pausingFleet(
          new io.mlopsagent.actors.control.OperatorSwitches.Pause("oncall", "incident", at(Duration.ZERO))));
      h.runUntil(at(Duration.ofMinutes(40)));

      assertThat(h.world.cluster().appliedActions()).isEmpty();
      assertThat(h.decisionTypes()).doesNotContain("rollout_started");
    }
  }

  @Test
  void aVersionThatFailsItsAnalysisIsAbortedToStableAndNeverTriedAgain() {
    try (AgentHarness h = harness(3, "")) {
      h.runUntil(at(Duration.ofMinutes(30)));

      assertThat(h.decisionTypes()).startsWith("degradation_detected", "rollout_started", "rollout_aborted");
      Decisions.Decision aborted = h.decisions().get(2);
      assertThat(aborted.info().reason()).contains("accuracy").contains("Failed");
      assertThat(workload(h)).extracting(Workload::stableVersion, Workload::candidateVersion).containsExactly("v1", null);
      assertThat(h.state().rejectedVersions()).containsExactly("v2");
      assertThat(h.decisionTypes()).containsOnlyOnce("rollout_started");
    }
  }

  @Test
  void anErrorSpikeSoonAfterAPromotionRollsBack() {
    try (AgentHarness h = harness(4, "")) {
      h.runUntil(at(Duration.ofMinutes(30)));

      assertThat(h.decisionTypes()).containsSubsequence("rollout_started", "rollout_promoted", "rolled_back");
      Decisions.RolledBack back = (Decisions.RolledBack) h.decisions().stream()
          .filter(d -> d instanceof Decisions.RolledBack).findFirst().orElseThrow();
      assertThat(back.fromVersion()).isEqualTo("v2");
      assertThat(back.toVersion()).isEqualTo("v1");
      assertThat(back.info().inputs().get("minutesSincePromotion")).isLessThan(30.0);
      assertThat(workload(h).stableVersion()).isEqualTo("v1");
    }
  }

  @Test
  void latencyUnderLoadScalesOut() {
    try (AgentHarness h = harness(0, "")) {
      int before = workload(h).replicas();
      h.runUntil(at(Duration.ofMinutes(20)));

      assertThat(h.decisionTypes()).contains("scaled_out");
      assertThat(workload(h).replicas()).isGreaterThan(before);
      assertThat(h.decisionTypes()).doesNotContain("scaled_in", "rollout_started");
    }
  }

  @Test
  void anActionRefusedByTheClusterIsTriedAgainWithTheSameIdUntilItLands() {
    try (AgentHarness h = harness(0, "")) {
      int before = workload(h).replicas();
      // The first two calls of every action fail, as a flaky API server's 500s would.
      java.util.Map<String, Integer> calls = new java.util.HashMap<>();
      h.world.cluster().groundTruth(SimulatedCluster.DeploymentTruth.INSTANT,
          (model, call, at) -> !call.equals("read") && calls.merge(call, 1, Integer::sum) <= 2);
      h.runUntil(at(Duration.ofMinutes(20)));

      assertThat(h.decisionTypes()).containsOnlyOnce("scaled_out");
      assertThat(workload(h).replicas()).isGreaterThan(before);
      assertThat(h.world.cluster().failedCalls()).isEqualTo(2);
      assertThat(h.world.cluster().appliedActions()).hasSize(1);
      assertThat(h.state().lastActed()).as("the scale-out is confirmed").isNull();
    }
  }

  @Test
  void anActionTheClusterKeepsRefusingIsJournaledAsFailedAfterItsLastTry() {
    try (AgentHarness h = harness(0, "")) {
      int before = workload(h).replicas();
      h.world.cluster().groundTruth(SimulatedCluster.DeploymentTruth.INSTANT,
          (model, call, at) -> !call.equals("read"));
      h.runUntil(at(Duration.ofMinutes(20)));

      assertThat(h.decisionTypes()).contains("scaled_out");
      assertThat(workload(h).replicas()).isEqualTo(before);
      assertThat(h.world.cluster().failedCalls()).isGreaterThanOrEqualTo(5);
      assertThat(h.journaled(io.mlopsagent.actors.agent.ModelAgent.ActionFailed.class)).isNotEmpty();
    }
  }

  @Test
  void sustainedIdleScalesInButNeverBelowTheMinimum() {
    try (AgentHarness h = harness(5, "policies.default.scaling.min-replicas = 4")) {
      int before = workload(h).replicas();
      h.runUntil(at(Duration.ofHours(3)));

      assertThat(h.decisionTypes()).contains("scaled_in").doesNotContain("scaled_out");
      assertThat(workload(h).replicas()).isLessThan(before).isGreaterThanOrEqualTo(4);
      // Cooldown: scale-ins at least 15 minutes of observation time apart.
      List<java.time.Instant> times = h.decisions().stream().filter(d -> d.type().equals("scaled_in"))
          .map(d -> d.info().at()).toList();
      for (int i = 1; i < times.size(); i++) {
        assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
      }
    }
  }

  @Test
  void anAccuracyDropWithoutABetterVersionRequestsRetrainingOnce() {
    try (AgentHarness h = harness(2, "")) {
      h.runUntil(at(Duration.ofMinutes(100)));

      assertThat(h.decisionTypes()).containsOnlyOnce("retraining_requested").doesNotContain("rollout_started");
      assertThat(h.world.retraining().runs()).hasSize(1);
    }
  }

  @Test
  void latencyWithoutLoadRollsOutTheOptimizedVersion() {
    try (AgentHarness h = harness(6, "")) {
      h.runUntil(at(Duration.ofMinutes(35)));

      assertThat(h.decisionTypes()).containsSubsequence("degradation_detected", "rollout_started", "rollout_promoted");
      assertThat(workload(h).stableVersion()).isEqualTo("v1-optimized");
      assertThat(h.decisionTypes()).doesNotContain("scaled_out");
    }
  }

  @Test
  void aRestartInTheMiddleOfACanaryResumesItWhereItWas() {
    try (AgentHarness h = harness(1, CANARY)) {
      while (h.decisionTypes().stream().filter("canary_step_passed"::equals).count() < 2) {
        h.run(AgentHarness.STEP);
      }
      var before = h.state().rollout();

      h.restart();

      assertThat(h.state().rollout()).isEqualTo(before);
      h.runUntil(at(Duration.ofMinutes(40)));
      assertThat(h.decisionTypes()).endsWith("canary_step_passed", "canary_step_passed", "rollout_promoted");
      assertThat(h.decisionTypes()).containsOnlyOnce("rollout_started");
      List<String> ids = h.world.cluster().appliedActions().stream().map(a -> a.id().value()).toList();
      assertThat(ids).doesNotHaveDuplicates().hasSize(5);
      assertThat(workload(h).stableVersion()).isEqualTo("v2");
    }
  }

  @Test
  void recommendModeJournalsWhatItWouldDoAndTouchesNothing() {
    try (AgentHarness h = harness(1, "policies.default.mode = recommend")) {
      h.runUntil(at(Duration.ofMinutes(30)));

      // Recommendations count against the same brakes: once per cooldown, not at every window of
      // the streak (nobody acts on them here, so the model is still below its service level after one).
      assertThat(h.decisionTypes()).containsOnlyOnce("degradation_detected");
      List<java.time.Instant> recommended = h.decisions().stream().filter(d -> d.type().equals("rollout_started"))
          .map(d -> d.info().at()).toList();
      assertThat(recommended).hasSizeBetween(1, 2);
      for (int i = 1; i < recommended.size(); i++) {
        assertThat(Duration.between(recommended.get(i - 1), recommended.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
      }
      assertThat(h.decisions()).allSatisfy(d -> assertThat(d.info().actuated()).isFalse());
      assertThat(h.world.cluster().appliedActions()).isEmpty();
      assertThat(h.state().rollout()).isNull();
    }
  }

  @Test
  void anOperatorCanAbortARolloutInProgress() {
    try (AgentHarness h = harness(1, CANARY)) {
      while (!h.decisionTypes().contains("canary_step_passed")) {
        h.run(AgentHarness.STEP);
      }

      org.apache.pekko.pattern.StatusReply<String> reply = h.resume(io.mlopsagent.actors.rollout.Decision.ABORT);

      assertThat(reply.isSuccess()).isTrue();
      assertThat(reply.getValue()).isEqualTo("aborted");
      assertThat(h.decisionTypes()).endsWith("rollout_aborted");
      assertThat(workload(h).candidateVersion()).isNull();
      assertThat(h.resume(io.mlopsagent.actors.rollout.Decision.PROMOTE).isError())
          .as("nothing left to answer").isTrue();
    }
  }

  @Test
  void anOverrideMatchingTheWorkloadsLabelsGovernsTheModel() {
    String critical = "policies.overrides = [{ name = critical, match.labels { \"mlops.ai/tier\" = critical },"
        + " mode = observe }]";
    try (AgentHarness h = harness(0, critical)) {
      Workload w = workload(h);
      h.world.cluster().deploy(new Workload(w.model(), w.stableVersion(), null, 0, w.replicas(), w.cpuCores(),
          w.memoryBytes(), java.util.Map.of("mlops.ai/tier", "critical")));

      h.runUntil(at(Duration.ofMinutes(30)));

      assertThat(h.state().policy().name()).isEqualTo("critical");
      assertThat(h.decisionTypes()).isNotEmpty().containsOnly("degradation_detected");
      assertThat(h.world.cluster().appliedActions()).isEmpty();
    }
  }

  @Test
  void observeModeOnlyDetects() {
    try (AgentHarness h = harness(0, "policies.default.mode = observe")) {
      h.runUntil(at(Duration.ofMinutes(30)));

      assertThat(h.decisionTypes()).isNotEmpty().containsOnly("degradation_detected");
      assertThat(h.world.cluster().appliedActions()).isEmpty();
    }
  }

  @Test
  void aRolloutWaitsWhileTheFleetIsAtItsCapOfConcurrentRollouts() {
    try (AgentHarness h = harness(1, "")) {
      h.permits().tryAcquire(io.mlopsagent.actors.model.ModelName.of("someone-else"), 5);
      for (int i = 0; i < 4; i++) {
        h.permits().tryAcquire(io.mlopsagent.actors.model.ModelName.of("other-" + i), 5);
      }
      h.runUntil(at(Duration.ofMinutes(20)));
      assertThat(h.decisionTypes()).containsExactly("degradation_detected");

      h.permits().release(io.mlopsagent.actors.model.ModelName.of("someone-else"));
      h.runUntil(at(Duration.ofMinutes(40)));
      assertThat(h.decisionTypes()).contains("rollout_started", "rollout_promoted");
      assertThat(h.permits().inUse()).as("the permit is returned after promotion").isEqualTo(4);
    }
  }

  @Test
  void aBetterVersionAppearingInTheRegistryIsRolledOutWithoutWaitingForDegradation() {
    try (AgentHarness h = new AgentHarness(7,
        "policies.default.rollout.upgrade-check-interval = 10m\npolicies.default.rollout.strategy = canary")) {
      var p = h.world.fleet().profiles().get(7);
      h.world.registry().register(new io.mlopsagent.actors.ports.ModelVersion(h.model, "v2", p.baseAccuracy() + 0.02,
          java.util.Set.of()), io.mlopsagent.simulation.fleet.VersionQuality.of(p), at(Duration.ofMinutes(25)));
      h.runUntil(at(Duration.ofMinutes(20)));
      assertThat(h.decisions()).as("nothing better registered yet").isEmpty();

      h.runUntil(at(Duration.ofMinutes(60)));

      assertThat(h.decisionTypes()).as(h.decisions().toString()).startsWith("rollout_started").contains("rollout_promoted")
          .doesNotContain("degradation_detected");
      assertThat(h.decisions().get(0).info().reason()).contains("the registry has v2");
      assertThat(workload(h).stableVersion()).isEqualTo("v2");
    }
  }

  @Test
  void aHealthyModelGetsNoDecisionInADayAndAHalf() {
    try (AgentHarness h = new AgentHarness(7, "")) {
      h.runUntil(at(Duration.ofHours(36)));

      assertThat(h.decisions()).isEmpty();
      assertThat(h.state().eventCount()).isGreaterThan(36 * 360);
    }
  }

  private static AgentHarness harness(int model, String overrides) {
    AgentHarness h = new AgentHarness(model, overrides);
    DemoFaults.stage(h.world, AgentHarness.START);
    return h;
  }

  private static Workload workload(AgentHarness h) {
    return h.world.cluster().current(h.model).orElseThrow();
  }
}
