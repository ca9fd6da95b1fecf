package io.mlopsagent.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.FleetLearning;
import io.mlopsagent.actors.learn.HoldoutMetrics;
import io.mlopsagent.actors.learn.LearnedModel;
import io.mlopsagent.actors.learn.LearnedModelBroadcast;
import io.mlopsagent.actors.learn.LearnerState;
import io.mlopsagent.actors.learn.OutcomePredictor;
import io.mlopsagent.actors.learn.smile.SmileForestTrainer;
import io.mlopsagent.agent.bench.OutcomeGenerator;
import io.mlopsagent.agent.config.AgentConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The learner's champion reaches the other nodes of a real two-node cluster (two actor systems in
 * this JVM, Artery over loopback) on the daemon's packaged configuration: a model of realistic
 * size is far bigger than Artery's ordinary frame.
 */
class LearnedModelAcrossNodesTest {
  private ActorSystem<Void> nodeA;
  private ActorSystem<Void> nodeB;

  @AfterEach
  void stopNodes() {
    for (ActorSystem<Void> node : new ActorSystem[] {nodeB, nodeA}) {
      if (node != null) {
        ActorTestKit.shutdown(node, Duration.ofSeconds(20));
      }
    }
  }

  /** A node on the daemon's own configuration (conf/ as packaged), any free port on loopback. */
  private static ActorSystem<Void> node() {
    Config overrides = ConfigFactory.parseMap(Map.of(
        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
        "pekko.remote.artery.canonical.port", 0));
    Config config = AgentConfig.load(Optional.empty(), overrides).pekko();
    return ActorSystem.create(Behaviors.empty(), "mlops-agent", config);
  }

  @Test
  void aChampionOfRealisticSizePublishedOnOneNodeIsPlannedWithOnTheOther() {
    nodeA = node();
    nodeB = node();
    Cluster a = Cluster.get(nodeA);
    a.manager().tell(Join.create(a.selfMember().address()));
    Cluster.get(nodeB).manager().tell(Join.create(a.selfMember().address()));
    await().atMost(Duration.ofSeconds(30)).until(() -> upMembers(nodeA) == 2 && upMembers(nodeB) == 2);

    SmileForestTrainer trainer = new SmileForestTrainer();
    FleetLearning boardA = new FleetLearning();
    FleetLearning boardB = new FleetLearning();
    LearnedModelBroadcast fromA = LearnedModelBroadcast.start(nodeA, trainer, boardA);
    LearnedModelBroadcast.start(nodeB, trainer, boardB);
    OutcomeGenerator generator = new OutcomeGenerator(11);
    OutcomePredictor fitted = trainer.fit(generator.outcomes(1_000), 5);
    byte[] bytes = fitted.serialize();
    assertThat(bytes.length).as("a model bigger than Artery's ordinary 256 KiB frame").isGreaterThan(256 * 1024);
    HoldoutMetrics holdout = new HoldoutMetrics(200, 90, 0.8, 0.3, 0.75);
    LearnerState.Champion champion =
        new LearnerState.Champion(4, Instant.parse("2026-01-05T10:00:00Z"), 800, holdout, Map.of(), "smile", bytes);

    // Node B's subscription reaches node A through the receptionist's gossip: publish until it has.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      fromA.publish(champion);
      return boardB.model().version().equals("v4");
    });

    LearnedModel onB = boardB.model();
    assertThat(onB.trainingSize()).isEqualTo(800);
    assertThat(onB.holdout()).isEqualTo(holdout);
    assertThat(onB.trainedAt()).isEqualTo(champion.trainedAt());
    for (int i = 0; i < 20; i++) {
      DeploymentFeatures f = generator.features();
      assertThat(onB.predictor().predict(f)).as("prediction %d", i).isEqualTo(fitted.predict(f));
    }
  }

  private static long upMembers(ActorSystem<?> node) {
    return java.util.stream.StreamSupport.stream(Cluster.get(node).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .count();
  }
}
