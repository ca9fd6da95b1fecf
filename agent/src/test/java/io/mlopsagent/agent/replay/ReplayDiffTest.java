package io.mlopsagent.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.Decisions.DecisionInfo;
import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.policy.PolicyMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching recorded and candidate decisions, and the numbers both ways. */
class ReplayDiffTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);

  @Test
  void decisionsOfTheSameKindWithinTheToleranceAreTheSame() {
    ModelReplay replay = replay(
        List.of(degraded(10, Signal.ACCURACY_DEGRADED), scaledOut(10)),
        List.of(degraded(13, Signal.ACCURACY_DEGRADED), scaledOut(14)));

    DecisionDiff diff = DecisionDiff.of(replay, 3);

    assertThat(diff.same()).hasSize(1);
    assertThat(diff.same().get(0).shift()).isEqualTo(STEP.multipliedBy(3));
    assertThat(diff.onlyRecorded()).extracting(Decision::type).containsExactly("scaled_out");
    assertThat(diff.onlyCandidate()).extracting(Decision::type).containsExactly("scaled_out");
  }

  @Test
  void aDegradationOfAnotherSignalIsAnotherDecision() {
    ModelReplay replay = replay(List.of(degraded(10, Signal.ACCURACY_DEGRADED)),
        List.of(degraded(10, Signal.LATENCY_DEGRADED)));

    DecisionDiff diff = DecisionDiff.of(replay, 3);

    assertThat(diff.same()).isEmpty();
    assertThat(diff.onlyRecorded()).hasSize(1);
    assertThat(diff.onlyCandidate()).hasSize(1);
  }

  @Test
  void eachDecisionMatchesOnceAndTheMostPairUp() {
    // Greedy by earliest: 10-8 and 14-12 pair up; pairing 10 with 12 would leave 14 alone.
    ModelReplay replay = replay(List.of(scaledOut(10), scaledOut(14)), List.of(scaledOut(8), scaledOut(12)));

    DecisionDiff diff = DecisionDiff.of(replay, 2);

    assertThat(diff.same()).hasSize(2);
    assertThat(diff.unchanged()).isTrue();
  }

  @Test
  void kpisCountAdaptationsEpisodesAndTheTimeToAct() {
    ModelReplay replay = replay(
        List.of(degraded(10, Signal.CPU_SATURATED), degraded(12, Signal.LATENCY_DEGRADED), scaledOut(16),
            degraded(40, Signal.ACCURACY_DEGRADED)),
        List.of());

    ReplayKpis kpis = ReplayKpis.of(List.of(replay), ModelReplay::recorded, 100.0 / 360);

    assertThat(kpis.decisions()).isEqualTo(4);
    assertThat(kpis.count("degradation_detected")).isEqualTo(3);
    assertThat(kpis.adaptations()).isEqualTo(1);
    assertThat(kpis.adaptationsPer1000ModelHours()).isEqualTo(1000.0 / (100.0 / 360));
    assertThat(kpis.episodes()).isEqualTo(2);
    assertThat(kpis.episodesWithoutAction()).isEqualTo(1);
    assertThat(kpis.meanTimeToAction()).isEqualTo(STEP.multipliedBy(6));
  }

  private static ModelReplay replay(List<Decision> recorded, List<Decision> candidate) {
    return new ModelReplay("fraud-1", recorded,
        new ModelReplay.Candidate(candidate, List.of(), 101, T0, T0.plus(STEP.multipliedBy(100))));
  }

  private static DecisionInfo info(int window) {
    return new DecisionInfo(T0.plus(STEP.multipliedBy(window)), "because", Map.of(), "default", PolicyMode.ACT);
  }

  private static Decision degraded(int window, Signal signal) {
    return new Decisions.DegradationDetected(info(window), signal);
  }

  private static Decision scaledOut(int window) {
    return new Decisions.Scaled(info(window), true, 2, 3, 1.0, 1.0);
  }
}
