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
import io.mlopsagent.actors.rollout.RolloutAction.Promote;
import io.mlopsagent.actors.rollout.RolloutAction.ReplacePods;
import io.mlopsagent.actors.rollout.RolloutEvent.Aborted;
import io.mlopsagent.actors.rollout.RolloutEvent.StepPassed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rolling update through the rollout state machine: batches, each passed or failed by its health gate. */
class RollingRolloutTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
  /** What PolicyTranslation builds from a policy: error rate and latency within the service level, read once. */
  private static final AnalysisTemplate HEALTH = new AnalysisTemplate("health", List.of(
      AnalysisMetric.of("error-rate", ERROR_RATE, Condition.absolute(ERROR_RATE, Comparison.AT_MOST, 0.01), null)
          .withCount(1),
      AnalysisMetric.of("latency-p95", LATENCY_P95_SECONDS,
          Condition.absolute(LATENCY_P95_SECONDS, Comparison.AT_MOST, 0.2), null).withCount(1)));
  private static final RolloutSpec ROLLING = RolloutSpec.rolling(RolloutSpec.rollingBatches(25), HEALTH)
      .withProgressDeadline(Duration.ofMinutes(10));

  private Rollout rollout;
  private Instant now = T0;
  private final List<RolloutAction> actions = new ArrayList<>();
  private final List<RolloutEvent> events = new ArrayList<>();

  private void take(Transition t) {
    rollout = t.rollout();
    actions.addAll(t.actions());
    events.addAll(t.events());
  }

  private void start() {
    take(Rollout.start("r-1", "v1", "v2", ROLLING, now));
  }

  /** One window a minute later: the new version's readings, or none. */
  private void window(double accuracy, double latency, double errorRate) {
    now = now.plusSeconds(60);
    take(rollout.onWindow(now, new MetricWindow(now, accuracy, latency, errorRate, 100, 0.5),
        new MetricWindow(now, 0.95, 0.1, 0.002, 100, 0.5)));
  }

  @Test
  void batchesFollowTheSurge() {
    assertThat(RolloutSpec.rollingBatches(25)).containsExactly(25, 50, 75, 100);
    assertThat(RolloutSpec.rollingBatches(30)).containsExactly(30, 60, 90, 100);
    assertThat(RolloutSpec.rollingBatches(100)).containsExactly(100);
    assertThatThrownBy(() -> RolloutSpec.rollingBatches(0)).hasMessageContaining("allowed is 1..100");
    assertThatThrownBy(() -> RolloutSpec.rolling(List.of(50, 75), HEALTH)).hasMessageContaining("end at 75");
  }

  @Test
  void aHealthyVersionPassesEveryBatchOnOneReadingEachAndIsPromoted() {
    start();
    for (int i = 0; i < 4; i++) {
      window(0.93, 0.12, 0.002);
    }

    assertThat(rollout.status()).isEqualTo(RolloutStatus.PROMOTED);
    assertThat(rollout.endedAt()).isEqualTo(T0.plusSeconds(240));
    assertThat(actions).containsExactly(new ReplacePods("v2", 25), new ReplacePods("v2", 50),
        new ReplacePods("v2", 75), new ReplacePods("v2", 100), new Promote("v2", "v1"));
    assertThat(events).filteredOn(StepPassed.class::isInstance).extracting(e -> ((StepPassed) e).weight())
        .containsExactly(25, 50, 75, 100);
    assertThat(rollout.reason()).contains("step 4 of 4 (rolling batch to 100 % of pods)");
  }

  @Test
  void aBatchWhoseErrorRateIsPastTheServiceLevelRollsBackToStable() {
    start();
    window(0.93, 0.12, 0.002);
    window(0.93, 0.12, 0.05);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(rollout.step()).isEqualTo(1);
    assertThat(rollout.newVersionWeight()).isZero();
    assertThat(actions).containsExactly(new ReplacePods("v2", 25), new ReplacePods("v2", 50),
        new AbortToStable("v1", "v2"));
    Aborted aborted = (Aborted) events.get(events.size() - 1);
    assertThat(aborted.phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(aborted.reason()).contains("error-rate");
    assertThat(rollout.reason()).contains("rolling batch to 50 % of pods");
  }

  @Test
  void aSlowBatchFailsTheGateToo() {
    start();
    window(0.93, 0.5, 0.002);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(actions).last().isEqualTo(new AbortToStable("v1", "v2"));
  }

  @Test
  void theGateDoesNotJudgeAccuracySoAWorseButHealthyVersionReachesEveryone() {
    start();
    for (int i = 0; i < 4; i++) {
      window(0.60, 0.12, 0.002);
    }

    assertThat(rollout.status()).isEqualTo(RolloutStatus.PROMOTED);
  }

  @Test
  void podsNotReadyWithinTheProgressDeadlineRollBack() {
    start();
    now = now.plus(Duration.ofMinutes(5));
    take(rollout.onWindow(now, null, null));
    assertThat(rollout.status()).isEqualTo(RolloutStatus.PROGRESSING);

    now = now.plus(Duration.ofMinutes(6));
    take(rollout.onWindow(now, null, null));

    assertThat(rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(rollout.reason()).contains("no metrics within the progress deadline of 10 min");
    assertThat(actions).last().isEqualTo(new AbortToStable("v1", "v2"));
  }
}
