package io.mlopsagent.actors.decide;

import static io.mlopsagent.actors.decide.DecisionContextBuilder.MODEL;
import static io.mlopsagent.actors.decide.DecisionContextBuilder.aWindow;
import static io.mlopsagent.actors.detect.Signal.ACCURACY_DEGRADED;
import static io.mlopsagent.actors.detect.Signal.CPU_IDLE;
import static io.mlopsagent.actors.detect.Signal.CPU_SATURATED;
import static io.mlopsagent.actors.detect.Signal.ERROR_RATE_DEGRADED;
import static io.mlopsagent.actors.detect.Signal.LATENCY_DEGRADED;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.ports.ModelVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decider's rules and guards, one window at a time, on the shipped default policy: consecutive
 * 3 and sustained 30 windows, CPU high 0.8 and low 0.2, cooldown 15m, 4 actions an hour, retrain
 * cooldown 24h, rollback window 30m, replicas scaled by 1.5 between 1 and 20.
 */
class DeciderTest {
  private static final Duration COOLDOWN = Duration.ofMinutes(15);

  // Accuracy: report, then ask the registry.

  @Test
  void accuracyDegradedIsReportedAndAsksTheRegistryForVersions() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3).build());

    assertThat(plans).hasExactlyElementsOfTypes(Plan.Degradation.class, Plan.NeedVersions.class);
    Plan.Degradation reported = (Plan.Degradation) plans.get(0);
    assertThat(reported.signal()).isEqualTo(ACCURACY_DEGRADED);
    assertThat(reported.reason()).contains("accuracy 0.8500", "0.05 below its baseline 0.9200", "for 3 windows");
    assertThat(reported.inputs()).containsEntry("value", 0.85).containsEntry("baseline", 0.92)
        .containsEntry("threshold", 0.05).containsEntry("streakWindows", 3.0);
    Plan.NeedVersions need = (Plan.NeedVersions) plans.get(1);
    assertThat(need.trigger()).isEqualTo(ACCURACY_DEGRADED);
    assertThat(need.inputs()).containsEntry("value", 0.85).containsEntry("threshold", 0.05);
  }

  @Test
  void accuracyTakesPrecedenceOverLatency() {
    List<Plan> plans = Decider.onWindow(aWindow()
        .breaching(ACCURACY_DEGRADED, 0.85, 3).breaching(LATENCY_DEGRADED, 0.30, 5).build());

    assertThat(needs(plans)).extracting(Plan.NeedVersions::trigger).containsExactly(ACCURACY_DEGRADED);
  }

  @Test
  void betterValidatingVersionIsRolledOutTheBestOneFirst() {
    DecisionContext c = aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3).build();

    Optional<Plan> plan = Decider.withVersions(c, onlyNeed(c),
        List.of(version("v1", 0.90), version("v2", 0.93), version("v3", 0.95), version("v4", 0.88)));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.StartRollout.class, rollout -> {
      assertThat(rollout.candidate().version()).isEqualTo("v3");
      assertThat(rollout.trigger()).isEqualTo(ACCURACY_DEGRADED);
      assertThat(rollout.reason()).contains("v3 validated at 0.95 against 0.9 for v1");
      assertThat(rollout.inputs()).containsEntry("stableValidationAccuracy", 0.90)
          .containsEntry("candidateValidationAccuracy", 0.95).containsEntry("value", 0.85);
    });
  }

  @Test
  void retrainsWhenNoVersionValidatesBetterThanStable() {
    DecisionContext c = aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3).build();

    Optional<Plan> plan = Decider.withVersions(c, onlyNeed(c),
        List.of(version("v1", 0.90), version("v2", 0.89), version("v3", 0.90)));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.Retrain.class, retrain -> {
      assertThat(retrain.reason()).contains("no registered version validates better than v1");
      assertThat(retrain.inputs()).containsEntry("stableValidationAccuracy", 0.90).containsEntry("value", 0.85);
    });
  }

  @Test
  void retrainIsSuppressedWithinRetrainCooldown() {
    DecisionContext c = aWindow().retrainedAgo(Duration.ofHours(23)).build();

    assertThat(Decider.withVersions(c, accuracyNeed(), List.of(version("v1", 0.90)))).isEmpty();
  }

  @Test
  void retrainsAgainOnceRetrainCooldownHasPassed() {
    DecisionContext c = aWindow().retrainedAgo(Duration.ofHours(24)).build();

    assertThat(Decider.withVersions(c, accuracyNeed(), List.of(version("v1", 0.90))))
        .get().isInstanceOf(Plan.Retrain.class);
  }

  @Test
  void rejectedVersionIsNeverChosenEvenWhenItValidatesBest() {
    DecisionContext c = aWindow().rejected("v3").build();

    Optional<Plan> plan = Decider.withVersions(c, accuracyNeed(),
        List.of(version("v1", 0.90), version("v2", 0.93), version("v3", 0.95)));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.StartRollout.class,
        rollout -> assertThat(rollout.candidate().version()).isEqualTo("v2"));
  }

  @Test
  void retrainsWhenEveryBetterVersionWasRejected() {
    DecisionContext c = aWindow().rejected("v2", "v3").build();

    Optional<Plan> plan = Decider.withVersions(c, accuracyNeed(),
        List.of(version("v1", 0.90), version("v2", 0.93), version("v3", 0.95)));

    assertThat(plan).get().isInstanceOf(Plan.Retrain.class);
  }

  // Latency: scale out when the CPU is hot, else look for an optimized version.

  @Test
  void latencyDegradedWithCpuAboveCpuHighScalesOut() {
    List<Plan> plans = Decider.onWindow(aWindow()
        .breaching(LATENCY_DEGRADED, 0.30, 3).breaching(CPU_SATURATED, 0.85, 10).build());

    assertThat(plans).hasExactlyElementsOfTypes(Plan.Degradation.class, Plan.Scale.class);
    Plan.Degradation reported = (Plan.Degradation) plans.get(0);
    assertThat(reported.signal()).isEqualTo(LATENCY_DEGRADED);
    assertThat(reported.reason()).contains("p95 latency 0.3000 s", "1.5 x its baseline 0.1200 s", "for 3 windows");
    Plan.Scale scale = (Plan.Scale) plans.get(1);
    assertThat(scale.out()).isTrue();
    assertThat(scale.replicas()).isEqualTo(6);
    assertThat(scale.cpuCores()).isEqualTo(1.0);
    assertThat(scale.reason()).contains("CPU at 85 %", "above 80 %", "from 4 x 1.0 to 6 x 1.0 cores");
    assertThat(scale.inputs()).containsEntry("value", 0.30).containsEntry("threshold", 1.5)
        .containsEntry("replicas", 4.0).containsEntry("toReplicas", 6.0)
        .containsEntry("cpuCores", 1.0).containsEntry("toCpuCores", 1.0);
  }

  @Test
  void latencyDegradedWithLowCpuLooksForAnOptimizedVersion() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(LATENCY_DEGRADED, 0.30, 3).build());

    assertThat(plans).hasExactlyElementsOfTypes(Plan.Degradation.class, Plan.NeedVersions.class);
    Plan.NeedVersions need = (Plan.NeedVersions) plans.get(1);
    assertThat(need.trigger()).isEqualTo(LATENCY_DEGRADED);
    assertThat(need.reason()).contains("without high CPU (50 %)");
    assertThat(need.inputs()).containsEntry("value", 0.30).containsEntry("baseline", 0.12)
        .containsEntry("threshold", 1.5);
  }

  @Test
  void latencyRegistryAnswerRollsOutTheBestOptimizedVersionThatValidatesNoWorse() {
    DecisionContext c = aWindow().breaching(LATENCY_DEGRADED, 0.30, 3).build();

    // v3 is optimized but validates below the serving v1 (0.92): faster must not mean worse.
    Optional<Plan> plan = Decider.withVersions(c, onlyNeed(c), List.of(version("v1", 0.92),
        version("v2", 0.95), version("v3", 0.91, "optimized"), version("v4", 0.93, "optimized")));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.StartRollout.class, rollout -> {
      assertThat(rollout.candidate().version()).isEqualTo("v4");
      assertThat(rollout.trigger()).isEqualTo(LATENCY_DEGRADED);
      assertThat(rollout.reason()).contains("v4 is tagged 'optimized'");
      assertThat(rollout.inputs()).containsEntry("value", 0.30).containsEntry("candidateValidationAccuracy", 0.93);
    });
  }

  @Test
  void latencyWithoutAnOptimizedVersionScalesOutOncePastHalfLoad() {
    DecisionContext busy = aWindow().breaching(LATENCY_DEGRADED, 0.30, 3)
        .reading(io.mlopsagent.actors.metrics.MetricKind.CPU_UTILIZATION, 0.65).build();
    Plan.NeedVersions need = (Plan.NeedVersions) Decider.onWindow(busy).get(1);

    assertThat(Decider.withVersions(busy, need, List.of(version("v1", 0.92))))
        .get().isInstanceOfSatisfying(Plan.Scale.class, scale -> {
          assertThat(scale.out()).isTrue();
          assertThat(scale.replicas()).isEqualTo(6);
          assertThat(scale.reason()).contains("no optimized version", "CPU at 65 %", "above 50 %");
        });

    DecisionContext quiet = aWindow().breaching(LATENCY_DEGRADED, 0.30, 3)
        .reading(io.mlopsagent.actors.metrics.MetricKind.CPU_UTILIZATION, 0.35).build();
    Plan.NeedVersions quietNeed = (Plan.NeedVersions) Decider.onWindow(quiet).get(1);
    assertThat(Decider.withVersions(quiet, quietNeed, List.of(version("v1", 0.92))))
        .as("more replicas do not help latency that is not queueing").isEmpty();
  }

  @Test
  void latencyRegistryAnswerFollowsThePolicysOptimizedTag() {
    DecisionContext c = aWindow().policy("rollout.optimized-tag", "fast").build();

    Optional<Plan> plan = Decider.withVersions(c, latencyNeed(),
        List.of(version("v1", 0.92), version("v2", 0.92, "optimized"), version("v3", 0.92, "fast")));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.StartRollout.class,
        rollout -> assertThat(rollout.candidate().version()).isEqualTo("v3"));
  }

  @Test
  void latencyRegistryAnswerWithoutAnOptimizedCandidateDoesNothing() {
    DecisionContext c = aWindow().rejected("v3").build();

    // v1 is stable and v3 rejected: neither counts, however tagged.
    Optional<Plan> plan = Decider.withVersions(c, latencyNeed(),
        List.of(version("v1", 0.92, "optimized"), version("v2", 0.95), version("v3", 0.92, "optimized")));

    assertThat(plan).isEmpty();
  }

  // Error rate: roll back a recent promotion.

  @Test
  void errorRateDegradedWithinRollbackWindowRollsBackToThePreviousVersion() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ERROR_RATE_DEGRADED, 0.05, 3)
        .stable("v2").promoted("v2", "v1", Duration.ofMinutes(10)).build());

    assertThat(plans).hasExactlyElementsOfTypes(Plan.Degradation.class, Plan.RollBack.class);
    Plan.RollBack rollBack = (Plan.RollBack) plans.get(1);
    assertThat(rollBack.fromVersion()).isEqualTo("v2");
    assertThat(rollBack.toVersion()).isEqualTo("v1");
    assertThat(rollBack.reason()).contains("10 min after v2 was promoted",
        "error rate 0.05000 is above its baseline 0.01000 + 0.02", "for 3 windows");
    assertThat(rollBack.inputs()).containsEntry("minutesSincePromotion", 10.0).containsEntry("value", 0.05)
        .containsEntry("baseline", 0.01).containsEntry("threshold", 0.02);
  }

  @Test
  void rollsBackUpToTheLastInstantOfTheRollbackWindow() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ERROR_RATE_DEGRADED, 0.05, 4)
        .stable("v2").promoted("v2", "v1", Duration.ofMinutes(30)).build());

    assertThat(plans).singleElement().isInstanceOfSatisfying(Plan.RollBack.class,
        rollBack -> assertThat(rollBack.inputs()).containsEntry("minutesSincePromotion", 30.0));
  }

  @Test
  void errorRateDegradedAfterTheRollbackWindowIsOnlyReported() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ERROR_RATE_DEGRADED, 0.05, 3)
        .stable("v2").promoted("v2", "v1", Duration.ofMinutes(30).plusSeconds(10)).build());

    assertThat(degradations(plans)).containsExactly(ERROR_RATE_DEGRADED);
    assertThat(plans).hasOnlyElementsOfType(Plan.Degradation.class);
  }

  @Test
  void doesNotRollBackWhenThePromotedVersionIsNoLongerStable() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ERROR_RATE_DEGRADED, 0.05, 3)
        .stable("v1").promoted("v2", "v1", Duration.ofMinutes(10)).build());

    assertThat(degradations(plans)).containsExactly(ERROR_RATE_DEGRADED);
    assertThat(plans).hasOnlyElementsOfType(Plan.Degradation.class);
  }

  @Test
  void errorRateDegradedWithoutAPromotionIsOnlyReported() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ERROR_RATE_DEGRADED, 0.05, 3).build());

    assertThat(degradations(plans)).containsExactly(ERROR_RATE_DEGRADED);
    assertThat(plans).hasOnlyElementsOfType(Plan.Degradation.class);
  }

  // CPU: scale only on sustained saturation or idleness.

  @Test
  void cpuSaturatedForSustainedWindowsScalesOut() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(CPU_SATURATED, 0.9, 30).build());

    assertThat(plans).singleElement().isInstanceOfSatisfying(Plan.Scale.class, scale -> {
      assertThat(scale.out()).isTrue();
      assertThat(scale.replicas()).isEqualTo(6);
      assertThat(scale.cpuCores()).isEqualTo(1.0);
      assertThat(scale.reason()).contains("CPU above 80 % for 30 windows", "from 4 x 1.0 to 6 x 1.0 cores");
      assertThat(scale.inputs()).containsEntry("value", 0.9).containsEntry("threshold", 0.8)
          .containsEntry("streakWindows", 30.0).containsEntry("toReplicas", 6.0);
    });
  }

  @Test
  void cpuSaturatedIsReportedAtStreakStartButNotScaledBeforeSustainedWindows() {
    assertThat(Decider.onWindow(aWindow().breaching(CPU_SATURATED, 0.9, 3).build()))
        .singleElement().isInstanceOfSatisfying(Plan.Degradation.class, d -> {
          assertThat(d.signal()).isEqualTo(CPU_SATURATED);
          assertThat(d.reason()).contains("CPU utilisation 0.9000 is above 0.8 for 3 windows");
        });
    assertThat(Decider.onWindow(aWindow().breaching(CPU_SATURATED, 0.9, 29).build())).isEmpty();
  }

  @Test
  void cpuSaturatedAtMaxReplicasDoesNothing() {
    assertThat(Decider.onWindow(aWindow().workload(20, 1.0).breaching(CPU_SATURATED, 0.9, 30).build())).isEmpty();
  }

  @Test
  void cpuIdleForSustainedWindowsScalesIn() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(CPU_IDLE, 0.1, 30).build());

    assertThat(plans).singleElement().isInstanceOfSatisfying(Plan.Scale.class, scale -> {
      assertThat(scale.out()).isFalse();
      assertThat(scale.replicas()).isEqualTo(2);
      assertThat(scale.cpuCores()).isEqualTo(1.0);
      assertThat(scale.reason()).contains("CPU below 20 % for 30 windows (now 10 %)",
          "from 4 x 1.0 to 2 x 1.0 cores");
      assertThat(scale.inputs()).containsEntry("value", 0.1).containsEntry("threshold", 0.2)
          .containsEntry("replicas", 4.0).containsEntry("toReplicas", 2.0);
    });
  }

  @Test
  void cpuIdleIsNeitherReportedNorScaledBeforeSustainedWindows() {
    assertThat(Decider.onWindow(aWindow().breaching(CPU_IDLE, 0.1, 3).build())).isEmpty();
    assertThat(Decider.onWindow(aWindow().breaching(CPU_IDLE, 0.1, 29).build())).isEmpty();
  }

  @Test
  void cpuIdleScalesInNeverBelowMinReplicas() {
    assertThat(Decider.onWindow(aWindow().policy("scaling.min-replicas", 3)
        .breaching(CPU_IDLE, 0.1, 30).build()))
        .singleElement().isInstanceOfSatisfying(Plan.Scale.class,
            scale -> assertThat(scale.replicas()).isEqualTo(3));
    assertThat(Decider.onWindow(aWindow().policy("scaling.min-replicas", 3).workload(3, 1.0)
        .breaching(CPU_IDLE, 0.1, 30).build())).isEmpty();
  }

  @Test
  void cpuIdleDoesNotScaleInWhenTheRestWouldRunHot() {
    // 0.19 on fewer replicas is above 0.75 x cpu-high 0.25 whatever the count.
    assertThat(Decider.onWindow(aWindow().policy("detection.thresholds.cpu-high", 0.25)
        .breaching(CPU_IDLE, 0.19, 30).build())).isEmpty();
  }

  @Test
  void scalingDisabledNeverScales() {
    assertThat(Decider.onWindow(aWindow().policy("scaling.enabled", false)
        .breaching(CPU_SATURATED, 0.9, 30).build())).isEmpty();
    assertThat(Decider.onWindow(aWindow().policy("scaling.enabled", false)
        .breaching(CPU_IDLE, 0.1, 30).build())).isEmpty();
    // Latency with no way to scale: the remaining remedy is an optimized version.
    assertThat(Decider.onWindow(aWindow().policy("scaling.enabled", false)
        .breaching(LATENCY_DEGRADED, 0.30, 3).breaching(CPU_SATURATED, 0.85, 10).build()))
        .extracting(p -> (Object) p.getClass()).containsExactly(Plan.Degradation.class, Plan.NeedVersions.class);
  }

  @Test
  void latencyUnderLoadAtMaxReplicasLooksForAnOptimizedVersion() {
    List<Plan> plans = Decider.onWindow(aWindow().workload(20, 1.0)
        .breaching(LATENCY_DEGRADED, 0.30, 3).breaching(CPU_SATURATED, 0.85, 10).build());

    assertThat(plans).last().isInstanceOfSatisfying(Plan.NeedVersions.class, need -> {
      assertThat(need.trigger()).isEqualTo(LATENCY_DEGRADED);
      assertThat(need.reason()).contains("no room to scale");
    });
  }

  @Test
  void anAccuracyDropOnAVersionTheRegistryDoesNotListRequestsRetraining() {
    DecisionContext c = aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3).build();

    Optional<Plan> plan = Decider.withVersions(c, onlyNeed(c), List.of(version("v7", 0.99)));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.Retrain.class, retrain -> {
      assertThat(retrain.reason()).contains("does not list the serving version v1");
      assertThat(retrain.inputs()).doesNotContainKey("stableValidationAccuracy");
    });
  }

  // Reporting degradation: once per streak start, once per cooldown.

  @Test
  void degradationIsReportedOnlyAtTheStartOfItsStreak() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 4).build());

    assertThat(plans).singleElement().isInstanceOf(Plan.NeedVersions.class);
  }

  @Test
  void degradationIsNotReportedAgainWithinCooldownOfTheLastReport() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .detectedAgo(ACCURACY_DEGRADED, COOLDOWN.minusSeconds(10)).build());

    assertThat(plans).singleElement().isInstanceOf(Plan.NeedVersions.class);
  }

  @Test
  void degradationIsReportedAgainOnceCooldownHasPassed() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .detectedAgo(ACCURACY_DEGRADED, COOLDOWN).build());

    assertThat(degradations(plans)).containsExactly(ACCURACY_DEGRADED);
  }

  // Guards on acting.

  @Test
  void cooldownAfterAnActionBlocksNewAdaptations() {
    DecisionContext c = aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .actedAgo(COOLDOWN.minusSeconds(10)).build();

    assertThat(Decider.onWindow(c)).hasOnlyElementsOfType(Plan.Degradation.class).hasSize(1);
    assertThat(Decider.withVersions(c, accuracyNeed(), List.of(version("v2", 0.99)))).isEmpty();
  }

  @Test
  void adaptsAgainOnceCooldownHasPassed() {
    assertThat(needs(Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .actedAgo(COOLDOWN).build()))).hasSize(1);
  }

  @Test
  void cooldownAndHourlyBudgetDoNotBlockARollback() {
    List<Plan> plans = Decider.onWindow(aWindow().breaching(ERROR_RATE_DEGRADED, 0.05, 3)
        .stable("v2").promoted("v2", "v1", Duration.ofMinutes(5))
        .actedAgo(Duration.ofMinutes(50), Duration.ofMinutes(40), Duration.ofMinutes(20), Duration.ofMinutes(5))
        .build());

    assertThat(plans).hasExactlyElementsOfTypes(Plan.Degradation.class, Plan.RollBack.class);
  }

  @Test
  void maxActionsPerHourBlocksNewAdaptations() {
    DecisionContext c = aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .actedAgo(Duration.ofMinutes(59), Duration.ofMinutes(50), Duration.ofMinutes(40), Duration.ofMinutes(20))
        .build();

    assertThat(Decider.onWindow(c)).hasOnlyElementsOfType(Plan.Degradation.class).hasSize(1);
    assertThat(Decider.withVersions(c, accuracyNeed(), List.of(version("v2", 0.99)))).isEmpty();
  }

  @Test
  void actionsOlderThanAnHourDoNotCountAgainstTheBudget() {
    assertThat(needs(Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .actedAgo(Duration.ofMinutes(61), Duration.ofMinutes(50), Duration.ofMinutes(40), Duration.ofMinutes(20))
        .build()))).hasSize(1);
  }

  @Test
  void rolloutInProgressBlocksNewAdaptationsAndRollbacks() {
    DecisionContext c = aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .breaching(ERROR_RATE_DEGRADED, 0.05, 3).stable("v2").promoted("v2", "v1", Duration.ofMinutes(10))
        .rolloutInProgress().build();

    assertThat(degradations(Decider.onWindow(c))).containsExactly(ACCURACY_DEGRADED, ERROR_RATE_DEGRADED);
    assertThat(Decider.onWindow(c)).hasOnlyElementsOfType(Plan.Degradation.class);
    assertThat(Decider.withVersions(c, accuracyNeed(), List.of(version("v3", 0.99)))).isEmpty();
  }

  @Test
  void endedRolloutDoesNotBlockAdaptations() {
    assertThat(needs(Decider.onWindow(aWindow().breaching(ACCURACY_DEGRADED, 0.85, 3)
        .rolloutEnded(Duration.ofHours(1)).build()))).hasSize(1);
  }

  @Test
  void observeModeOnlyReportsDegradation() {
    List<Plan> plans = Decider.onWindow(aWindow().policy("mode", "observe")
        .breaching(ACCURACY_DEGRADED, 0.85, 3).breaching(ERROR_RATE_DEGRADED, 0.05, 3)
        .stable("v2").promoted("v2", "v1", Duration.ofMinutes(10)).build());

    assertThat(plans).hasOnlyElementsOfType(Plan.Degradation.class);
    assertThat(degradations(plans)).containsExactly(ACCURACY_DEGRADED, ERROR_RATE_DEGRADED);
    assertThat(Decider.onWindow(aWindow().policy("mode", "observe").breaching(CPU_SATURATED, 0.9, 30).build()))
        .isEmpty();
  }

  @Test
  void unknownWorkloadOnlyReportsDegradation() {
    DecisionContext c = aWindow().noWorkload()
        .breaching(ACCURACY_DEGRADED, 0.85, 3).breaching(ERROR_RATE_DEGRADED, 0.05, 3)
        .promoted("v2", "v1", Duration.ofMinutes(10)).build();

    assertThat(Decider.onWindow(c)).hasOnlyElementsOfType(Plan.Degradation.class);
    assertThat(degradations(Decider.onWindow(c))).containsExactly(ACCURACY_DEGRADED, ERROR_RATE_DEGRADED);
    assertThat(Decider.withVersions(c, accuracyNeed(), List.of(version("v2", 0.99)))).isEmpty();
  }

  private static ModelVersion version(String version, double validationAccuracy, String... tags) {
    return new ModelVersion(MODEL, version, validationAccuracy, Set.of(tags));
  }

  private static Plan.NeedVersions accuracyNeed() {
    return new Plan.NeedVersions(ACCURACY_DEGRADED, "accuracy degraded", Map.of("value", 0.85));
  }

  private static Plan.NeedVersions latencyNeed() {
    return new Plan.NeedVersions(LATENCY_DEGRADED, "p95 latency degraded", Map.of("value", 0.30));
  }

  /** The one registry request the decider makes for {@code c}. */
  private static Plan.NeedVersions onlyNeed(DecisionContext c) {
    List<Plan.NeedVersions> needs = needs(Decider.onWindow(c));
    assertThat(needs).hasSize(1);
    return needs.get(0);
  }

  private static List<Plan.NeedVersions> needs(List<Plan> plans) {
    return plans.stream().filter(Plan.NeedVersions.class::isInstance).map(Plan.NeedVersions.class::cast).toList();
  }

  private static List<Signal> degradations(List<Plan> plans) {
    return plans.stream().filter(Plan.Degradation.class::isInstance).map(Plan.Degradation.class::cast)
        .map(Plan.Degradation::signal).toList();
  }

  @Test
  void cpuSaturatedAboveMaxReplicasNeverScalesOutToFewerReplicas() {
    assertThat(Decider.onWindow(aWindow().workload(25, 1.0).breaching(CPU_SATURATED, 0.9, 30).build())).isEmpty();
  }

  @Test
  void anUpgradeCheckRollsOutTheBestVersionThatValidatesBetterThanTheServingOne() {
    DecisionContext c = aWindow().build();

    Optional<Plan> plan = Decider.withVersions(c, Plan.NeedVersions.upgradeCheck(),
        List.of(version("v1", 0.90), version("v2", 0.93), version("v3", 0.95), version("v4", 0.89)));

    assertThat(plan).get().isInstanceOfSatisfying(Plan.StartRollout.class, rollout -> {
      assertThat(rollout.candidate().version()).isEqualTo("v3");
      assertThat(rollout.trigger()).isNull();
      assertThat(rollout.reason()).contains("v3 validating at 0.95").contains("better than 0.9");
    });
  }

  @Test
  void anUpgradeCheckWithNothingBetterOrOnlyRejectedVersionsDoesNothing() {
    assertThat(Decider.withVersions(aWindow().build(), Plan.NeedVersions.upgradeCheck(),
        List.of(version("v1", 0.90), version("v2", 0.88)))).isEmpty();
    assertThat(Decider.withVersions(aWindow().rejected("v2").build(), Plan.NeedVersions.upgradeCheck(),
        List.of(version("v1", 0.90), version("v2", 0.99)))).isEmpty();
    assertThat(Decider.withVersions(aWindow().build(), Plan.NeedVersions.upgradeCheck(),
        List.of(version("v2", 0.99)))).as("serving version unknown to the registry").isEmpty();
  }
}
