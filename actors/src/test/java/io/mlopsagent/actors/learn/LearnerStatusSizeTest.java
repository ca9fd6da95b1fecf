package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API asks the learner singleton, possibly on another node, for its status: the answer
 * must fit Artery's ordinary frame, so it carries the champion's figures, never its bytes.
 */
class LearnerStatusSizeTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void theStatusOfALearnerWithAMegabyteChampionIsSmall() {
    LearnerSettings settings = new LearnerSettings(true, 5000, 25, Duration.ofHours(6), Duration.ofHours(12), 42);
    LearnerState state = LearnerState.empty();
    for (DeploymentOutcome o : TestOutcomes.generate(300, 3)) {
      state = state.learned(o, state.offset() + 1, settings.trainingSetSize());
    }
    HoldoutMetrics figures = new HoldoutMetrics(60, 120, 0.8, 0.3, 0.75);
    LearnerState.Training training = new LearnerState.Training(Instant.EPOCH, 240, 60, figures, null, true, "first");
    LearnerState.Champion champion = new LearnerState.Champion(1, Instant.EPOCH, 240, figures,
        Map.of("steps", 0.3), "smile", new byte[1_200_000]);
    for (int i = 0; i < LearnerState.TRAININGS_KEPT; i++) {
      state = state.trained(training, i == 0 ? champion : null, 0);
    }

    LearnerStatus status = LearnerStatus.of(state, LearnedModel.none(), false, "smile", settings);
    byte[] wire = SerializationExtension.get(KIT.system().classicSystem()).serialize(status).get();

    assertThat(status.version()).isEqualTo("v1");
    assertThat(wire.length).isLessThan(64 * 1024);
  }
}
