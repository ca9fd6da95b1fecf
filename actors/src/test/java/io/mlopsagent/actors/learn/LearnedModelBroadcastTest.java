package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.learn.smile.SmileForestTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LearnedModelBroadcastTest {
  private static final ActorTestKit KIT = ActorTestKit.create("broadcast-test",
      ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void aPublishedChampionReachesTheNodesBoardAsTheSameModel() {
    SmileForestTrainer trainer = new SmileForestTrainer();
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(60, 5);
    OutcomePredictor fitted = trainer.fit(outcomes, 1);
    FleetLearning board = new FleetLearning();
    LearnedModelBroadcast broadcast = LearnedModelBroadcast.start(KIT.system(), trainer, board);
    HoldoutMetrics holdout = new HoldoutMetrics(12, 100, 0.9, 0.4, 0.8);

    // The subscription is asynchronous: publish until it has arrived.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      broadcast.publish(new LearnerState.Champion(3, Instant.EPOCH, 48, holdout, Map.of(), "lib", fitted.serialize()));
      return board.model().version().equals("v3");
    });

    LearnedModel received = board.model();
    assertThat(received.holdout()).isEqualTo(holdout);
    assertThat(received.trainingSize()).isEqualTo(48);
    DeploymentFeatures f = outcomes.get(0).features();
    assertThat(received.predictor().predict(f)).isEqualTo(fitted.predict(f));
  }
}
