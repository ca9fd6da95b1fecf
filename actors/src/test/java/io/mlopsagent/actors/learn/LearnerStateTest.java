package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** When the learner trains and what it keeps, on observation time passed in with the outcomes. */
class LearnerStateTest {
  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private static final int EVERY = 25;
  private static final Duration T = Duration.ofHours(6);
  private static final Random RANDOM = new Random(9);

  /** Outcome {@code i}, ended at {@code endedAt}. */
  private static DeploymentOutcome endingAt(int i, Instant endedAt) {
    return TestOutcomes.outcome(i, TestOutcomes.features(RANDOM), endedAt.minusSeconds(600), 600,
        DeploymentOutcome.Result.PROMOTED);
  }

  private static LearnerState learn(LearnerState s, DeploymentOutcome o, int limit) {
    return s.learned(o, s.offset() + 1, limit);
  }

  /** 20 outcomes ending a minute apart from T0, then a training that promoted a champion. */
  private static LearnerState trained() {
    LearnerState s = LearnerState.empty();
    for (int i = 0; i < 20; i++) {
      s = learn(s, endingAt(i, T0.plus(Duration.ofMinutes(i))), 5000);
    }
    assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, EVERY, T)).as("the first training is due").isTrue();
    HoldoutMetrics figures = new HoldoutMetrics(4, 100, 0.8, 0.3, 0.7);
    LearnerState.Training t = new LearnerState.Training(s.observedUntil(), 16, 4, figures, null, true, "first");
    return s.trained(t, new LearnerState.Champion(1, s.observedUntil(), 16, figures, java.util.Map.of(), "lib",
        new byte[] {1}), s.sinceTraining());
  }

  @Test
  void retrainingIsDueAfterKNewOutcomesAndNotBefore() {
    LearnerState s = trained();
    Instant lastTrained = s.lastTrainedAt();
    assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, EVERY, T)).isFalse();

    for (int i = 1; i < EVERY; i++) {
      s = learn(s, endingAt(100 + i, lastTrained.plus(Duration.ofMinutes(i))), 5000);
      assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, EVERY, T)).as("after %d new", i).isFalse();
    }
    s = learn(s, endingAt(100 + EVERY, lastTrained.plus(Duration.ofMinutes(EVERY))), 5000);

    assertThat(s.sinceTraining()).isEqualTo(EVERY);
    assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, EVERY, T)).isTrue();
  }

  @Test
  void retrainingIsDueOnceTOfObservationTimeHasPassedSinceTheLastTraining() {
    LearnerState s = trained();
    Instant lastTrained = s.lastTrainedAt();

    s = learn(s, endingAt(200, lastTrained.plus(T).minusSeconds(1)), 5000);
    assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, EVERY, T)).as("a second short of T").isFalse();

    s = learn(s, endingAt(201, lastTrained.plus(T)), 5000);
    assertThat(s.sinceTraining()).isEqualTo(2);
    assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, EVERY, T)).as("T after the last training").isTrue();
  }

  @Test
  void noTrainingWithoutANewOutcomeHoweverMuchTimeHasPassed() {
    LearnerState s = trained();

    assertThat(s.sinceTraining()).isZero();
    assertThat(s.trainingDue(LearnedModel.MIN_OUTCOMES, 1, Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void theTrainingSetKeepsTheNewestNOutcomesTheOldestLeaveFirst() {
    int n = 12;
    LearnerState s = LearnerState.empty();
    for (int i = 0; i < 30; i++) {
      s = learn(s, endingAt(i, T0.plus(Duration.ofMinutes(i))), n);
    }

    List<String> kept = s.outcomes().stream().map(DeploymentOutcome::rolloutId).toList();
    assertThat(kept).hasSize(n).first().isEqualTo("rollout-18");
    assertThat(kept).last().isEqualTo("rollout-29");
    assertThat(s.observedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(29)));
    assertThat(s.offset()).isEqualTo(30);
    assertThat(s.sinceTraining()).isEqualTo(30);
  }
}
