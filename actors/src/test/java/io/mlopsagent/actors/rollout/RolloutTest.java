package io.mlopsagent.actors.rollout;

import static io.mlopsagent.actors.metrics.MetricKind.ERROR_RATE;
import static io.mlopsagent.actors.metrics.MetricKind.LATENCY_P95_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.analysis.AnalysisMetric;
import io.mlopsagent.actors.analysis.AnalysisPhase;
import io.mlopsagent.actors.analysis.AnalysisTemplate;
import io.mlopsagent.actors.analysis.Comparison;
import io.mlopsagent.actors.analysis.Condition;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.rollout.RolloutAction.AbortToStable;
import io.mlopsagent.actors.rollout.RolloutAction.DeployPreview;
import io.mlopsagent.actors.rollout.RolloutAction.Promote;
import io.mlopsagent.actors.rollout.RolloutAction.SetCanaryWeight;
import io.mlopsagent.actors.rollout.RolloutAction.SwitchToNew;
import io.mlopsagent.actors.rollout.RolloutEvent.Aborted;
import io.mlopsagent.actors.rollout.RolloutEvent.PausedInconclusive;
import io.mlopsagent.actors.rollout.RolloutEvent.Promoted;
import io.mlopsagent.actors.rollout.RolloutEvent.Resumed;
import io.mlopsagent.actors.rollout.RolloutEvent.Started;
import io.mlopsagent.actors.rollout.RolloutEvent.StepPassed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  private static final AnalysisTemplate SEED = AnalysisTemplate.seedDefaults();
  private static final RolloutSpec CANARY = RolloutSpec.canary(List.of(10, 25, 50, 100), SEED, 2);

  private static MetricWindow window(Instant at, double accuracy, double latency, double errorRate) {
    return new MetricWindow(at, accuracy, latency, errorRate, 100, 0.5);
  }

  private static MetricWindow good(Instant at) {
    return window(at, 0.93, 0.120, 0.002);
  }

  private static MetricWindow stable(Instant at) {
    return window(at, 0.91, 0.110, 0.003);
  }

  /** Feeds windows ten seconds apart, collecting every action and event. */
  private static final class Driver {
    Rollout rollout;
    Instant now;
    final List<RolloutAction> actions = new ArrayList<>();
    final List<RolloutEvent> events = new ArrayList<>();

    Driver(RolloutSpec spec) {
      now = T0;
      take(Rollout.start("r-1", "v1", "v2", spec, now));
    }

    Driver feed(int times, MetricWindow canary) {
      for (int i = 0; i < times; i++) {
        now = now.plusSeconds(10);
        MetricWindow c = canary == null ? null : new MetricWindow(now, canary.accuracy(), canary.latencyP95Seconds(),
            canary.errorRate(), canary.throughputRps(), canary.cpuUtilization());
        take(rollout.onWindow(now, c, stable(now)));
      }
      return this;
    }

    Driver resume(Decision decision) {
      now = now.plusSeconds(1);
      return take(rollout.resume(now, decision));
    }

    private Driver take(Transition t) {
      rollout = t.rollout();
      actions.addAll(t.actions());
      events.addAll(t.events());
      return this;
    }
  }

  @Test
  void aHealthyCanaryWalksEveryStepAndIsPromoted() {
    Driver d = new Driver(CANARY).feed(8, good(T0));

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.PROMOTED);
    assertThat(d.rollout.isTerminal()).isTrue();
    assertThat(d.rollout.endedAt()).isEqualTo(T0.plusSeconds(80));
    assertThat(d.rollout.newVersionWeight()).isEqualTo(100);
    assertThat(d.actions).containsExactly(new SetCanaryWeight("v2", 10), new SetCanaryWeight("v2", 25),
        new SetCanaryWeight("v2", 50), new SetCanaryWeight("v2", 100), new Promote("v2", "v1"));
    assertThat(d.events).hasSize(6);
    assertThat(d.events.get(0)).isEqualTo(new Started("r-1", "v1", "v2", CANARY, T0));
    assertThat(d.events.subList(1, 5)).extracting(e -> ((StepPassed) e).weight()).containsExactly(10, 25, 50, 100);
    assertThat(((StepPassed) d.events.get(1)).reason()).startsWith("all 4 metrics successful");
    assertThat(d.events.get(5)).isEqualTo(new Promoted("r-1", "v2", T0.plusSeconds(80)));
  }

  @Test
  void eachStepStartsAFreshAnalysisAtItsOwnTime() {
    Driver d = new Driver(CANARY).feed(3, good(T0));

    assertThat(d.rollout.step()).isEqualTo(1);
    assertThat(d.rollout.newVersionWeight()).isEqualTo(25);
    assertThat(d.rollout.startedAt()).isEqualTo(T0);
    assertThat(d.rollout.stepStartedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(d.rollout.analysis().metrics()).allSatisfy(m -> assertThat(m.count()).isEqualTo(1));
    assertThat(d.rollout.analysis().metrics()).allSatisfy(m -> assertThat(m.metric().count()).isEqualTo(2));
  }

  @Test
  void aFailedAnalysisAtTheSecondStepAbortsToStable() {
    Driver d = new Driver(CANARY).feed(2, good(T0)).feed(1, window(T0, 0.93, 0.300, 0.002));

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(d.rollout.step()).isEqualTo(1);
    assertThat(d.rollout.newVersionWeight()).isZero();
    assertThat(d.actions).containsExactly(new SetCanaryWeight("v2", 10), new SetCanaryWeight("v2", 25),
        new AbortToStable("v1", "v2"));
    Aborted aborted = (Aborted) d.events.get(d.events.size() - 1);
    assertThat(aborted.phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(aborted.step()).isEqualTo(1);
    assertThat(aborted.reason()).startsWith("metric 'latency-p95' assessed Failed due to failed (1) > failureLimit (0)")
        .contains("latencyP95Seconds 0.3 does not meet success condition latencyP95Seconds <= 0.2");
    assertThat(d.rollout.reason()).startsWith("aborted at step 2 of 4 (canary at 25 %)");
  }

  @Test
  void fiveWindowsWithoutCanaryDataOnceItHasReportedAbortWithError() {
    // Two measurements pass the first step; the canary then goes silent.
    Driver d = new Driver(CANARY).feed(2, good(T0)).feed(4, null);
    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.PROGRESSING);

    d.feed(1, null);

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(((Aborted) d.events.get(d.events.size() - 1)).phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(d.actions).endsWith(new AbortToStable("v1", "v2"));
  }

  @Test
  void aNewVersionWhosePodsAreNotReadyYetIsWaitedForUntilTheProgressDeadline() {
    Driver d = new Driver(CANARY.withProgressDeadline(java.time.Duration.ofMinutes(5))).feed(29, null);
    assertThat(d.rollout.status()).as("4 min 50 s without metrics: still starting").isEqualTo(RolloutStatus.PROGRESSING);

    d.feed(2, good(T0));
    assertThat(d.rollout.step()).as("ready at last, and measured as any canary").isEqualTo(1);
  }

  @Test
  void aNewVersionWithoutMetricsAtTheProgressDeadlineIsAborted() {
    Driver d = new Driver(CANARY.withProgressDeadline(java.time.Duration.ofMinutes(5))).feed(30, null);

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    Aborted aborted = (Aborted) d.events.get(d.events.size() - 1);
    assertThat(aborted.phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(aborted.reason()).contains("no metrics within the progress deadline of 5 min");
    assertThat(d.actions).endsWith(new AbortToStable("v1", "v2"));
  }

  private static RolloutSpec withInconclusiveErrorRate() {
    AnalysisMetric errors = AnalysisMetric.of("error-rate", ERROR_RATE,
        Condition.absolute(ERROR_RATE, Comparison.AT_MOST, 0.01), Condition.absolute(ERROR_RATE, Comparison.ABOVE, 0.05));
    return RolloutSpec.canary(List.of(10, 100), new AnalysisTemplate("t", List.of(errors)), 2);
  }

  @Test
  void anInconclusiveAnalysisPausesAndIgnoresWindowsUntilAnOperatorDecides() {
    Driver d = new Driver(withInconclusiveErrorRate()).feed(1, window(T0, 0.9, 0.1, 0.03));

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.PAUSED_INCONCLUSIVE);
    assertThat(d.rollout.isTerminal()).isFalse();
    assertThat(d.events.get(d.events.size() - 1)).isInstanceOfSatisfying(PausedInconclusive.class,
        p -> assertThat(p.reason()).startsWith("metric 'error-rate' assessed Inconclusive due to inconclusive (1) > "
            + "inconclusiveLimit (0)"));
    Rollout paused = d.rollout;
    int actionsSoFar = d.actions.size();

    d.feed(5, good(T0));

    assertThat(d.rollout).isEqualTo(paused);
    assertThat(d.actions).hasSize(actionsSoFar);
  }

  @Test
  void promotingAPausedRolloutPassesTheStepAndContinues() {
    Driver d = new Driver(withInconclusiveErrorRate()).feed(1, window(T0, 0.9, 0.1, 0.03)).resume(Decision.PROMOTE);

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.PROGRESSING);
    assertThat(d.rollout.step()).isEqualTo(1);
    assertThat(d.actions).endsWith(new SetCanaryWeight("v2", 100));
    assertThat(d.events.get(d.events.size() - 2)).isEqualTo(new Resumed("r-1", Decision.PROMOTE, d.now));
    assertThat(((StepPassed) d.events.get(d.events.size() - 1)).reason())
        .startsWith("operator promoted past inconclusive analysis: metric 'error-rate' assessed Inconclusive");

    d.feed(2, good(T0));

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.PROMOTED);
    assertThat(d.actions).endsWith(new Promote("v2", "v1"));
  }

  @Test
  void abortingAPausedRolloutGoesBackToStable() {
    Driver d = new Driver(withInconclusiveErrorRate()).feed(1, window(T0, 0.9, 0.1, 0.03)).resume(Decision.ABORT);

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(d.actions).endsWith(new AbortToStable("v1", "v2"));
    Aborted aborted = (Aborted) d.events.get(d.events.size() - 1);
    assertThat(aborted.phase()).isEqualTo(AnalysisPhase.INCONCLUSIVE);
    assertThat(aborted.reason()).startsWith("operator aborted after inconclusive analysis");
  }

  @Test
  void anOperatorMayAbortAProgressingRolloutButNotPromoteIt() {
    Driver d = new Driver(CANARY).feed(1, good(T0));

    assertThatThrownBy(() -> d.rollout.resume(d.now, Decision.PROMOTE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rollout r-1 is PROGRESSING at step 1 of 4 (canary at 10 %): PROMOTE is allowed only while "
            + "paused on an inconclusive analysis");

    d.resume(Decision.ABORT);
    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(((Aborted) d.events.get(d.events.size() - 1)).phase()).isEqualTo(AnalysisPhase.RUNNING);
  }

  @Test
  void blueGreenAnalysesThePreviewThenSwitchesAllTrafficAtOnce() {
    Driver d = new Driver(RolloutSpec.blueGreen(SEED, 3));
    assertThat(d.actions).containsExactly(new DeployPreview("v2"));
    assertThat(d.rollout.newVersionWeight()).isZero();

    d.feed(3, good(T0));

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.PROMOTED);
    assertThat(d.actions).containsExactly(new DeployPreview("v2"), new SwitchToNew("v2"), new Promote("v2", "v1"));
    assertThat(d.events).hasSize(3);
    assertThat(d.events.get(1)).isInstanceOfSatisfying(StepPassed.class, s -> {
      assertThat(s.step()).isZero();
      assertThat(s.weight()).isZero();
    });
  }

  @Test
  void aFailingBlueGreenPreviewNeverGetsTraffic() {
    Driver d = new Driver(RolloutSpec.blueGreen(SEED, 3)).feed(1, window(T0, 0.70, 0.1, 0.0));

    assertThat(d.rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(d.actions).containsExactly(new DeployPreview("v2"), new AbortToStable("v1", "v2"));
  }

  @Test
  void anEndedRolloutIgnoresWindowsAndDecisions() {
    Driver promoted = new Driver(CANARY).feed(8, good(T0));
    Driver aborted = new Driver(CANARY).feed(1, window(T0, 0.5, 0.1, 0.0));

    for (Driver d : List.of(promoted, aborted)) {
      Rollout ended = d.rollout;
      Transition afterWindow = ended.onWindow(d.now.plusSeconds(10), good(d.now), stable(d.now));
      Transition afterDecision = ended.resume(d.now.plusSeconds(10), Decision.ABORT);

      assertThat(afterWindow).isEqualTo(new Transition(ended, List.of(), List.of()));
      assertThat(afterDecision).isEqualTo(new Transition(ended, List.of(), List.of()));
    }
  }

  @Test
  void rejectsCanaryWeightsThatDoNotClimbTo100() {
    assertThatThrownBy(() -> RolloutSpec.canary(List.of(10, 10, 100), SEED, 2))
        .hasMessage("canaryWeights [10, 10, 100] are not strictly increasing at 10");
    assertThatThrownBy(() -> RolloutSpec.canary(List.of(0, 100), SEED, 2))
        .hasMessage("canaryWeights [0, 100] hold 0, allowed are 1..100");
    assertThatThrownBy(() -> RolloutSpec.canary(List.of(10, 50), SEED, 2))
        .hasMessage("canaryWeights [10, 50] end at 50, allowed is only 100: the last step carries all traffic");
    assertThatThrownBy(() -> RolloutSpec.canary(List.of(), SEED, 2))
        .hasMessageStartingWith("canaryWeights was empty");
    assertThatThrownBy(() -> new RolloutSpec(Strategy.BLUE_GREEN, List.of(100), SEED, 2))
        .hasMessageStartingWith("canaryWeights was [100], allowed for BLUE_GREEN is none");
  }

  @Test
  void rejectsTooFewMeasurementsPerStepForTheLimits() {
    AnalysisTemplate tolerant = new AnalysisTemplate("t", List.of(AnalysisMetric.of("p95", LATENCY_P95_SECONDS,
        Condition.absolute(LATENCY_P95_SECONDS, Comparison.AT_MOST, 0.2), null).withFailureLimit(3)));

    assertThatThrownBy(() -> RolloutSpec.canary(List.of(100), tolerant, 2))
        .hasMessage("measurementsPerStep was 2, allowed is at least 3, the failureLimit / inconclusiveLimit of "
            + "analysis metric 'p95'");
    assertThatThrownBy(() -> RolloutSpec.canary(List.of(100), SEED, 0))
        .hasMessage("measurementsPerStep was 0, allowed is 1 or more");
    assertThatThrownBy(() -> Rollout.start("r", "v1", "v1", CANARY, T0))
        .hasMessageStartingWith("toVersion was 'v1', the same as fromVersion");
  }
}
