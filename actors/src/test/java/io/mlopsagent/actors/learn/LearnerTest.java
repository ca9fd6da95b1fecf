package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.learn.smile.SmileForestTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LearnerTest {
  private static final ActorTestKit KIT = ActorTestKit.create("learner-test",
      EventSourcedBehaviorTestKit.config()
          .withFallback(ConfigFactory.parseString("pekko.actor.serialize-messages = on"))
          .withFallback(ConfigFactory.load()));
  private static final LearnerSettings SETTINGS =
      new LearnerSettings(true, 5000, 25, Duration.ofHours(6), Duration.ofHours(12), 42);

  private static final org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit JOURNAL =
      org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit.create(KIT.system());
  private static final org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit SNAPSHOTS =
      org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit.create(KIT.system());

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** The learner is one per cluster: every test starts it on an empty journal. */
  @org.junit.jupiter.api.BeforeEach
  void emptyJournal() {
    JOURNAL.clearAll();
    SNAPSHOTS.clearAll();
  }

  /** The outcome stream: {@code outcomes} at offsets 1, 2, ..., then nothing more. */
  private static OutcomeFeed feed(List<DeploymentOutcome> outcomes, AtomicLong askedFrom) {
    List<OutcomeFeed.Item> items = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      items.add(new OutcomeFeed.Item(outcomes.get(i), i + 1));
    }
    return offset -> {
      askedFrom.set(offset);
      return Source.from(items.stream().filter(item -> item.offset() > offset).toList()).concat(Source.never());
    };
  }

  /** A trainer that counts its fits. */
  private static final class CountingTrainer implements PredictorTrainer {
    final SmileForestTrainer smile = new SmileForestTrainer();
    final AtomicInteger fits = new AtomicInteger();

    @Override
    public OutcomePredictor fit(List<DeploymentOutcome> training, long seed) {
      fits.incrementAndGet();
      return smile.fit(training, seed);
    }

    @Override
    public OutcomePredictor restore(byte[] bytes) {
      return smile.restore(bytes);
    }

    @Override
    public String library() {
      return smile.library();
    }
  }

  private static LearnerStatus status(ActorRef<Learner.Command> learner) {
    TestProbe<LearnerStatus> probe = KIT.createTestProbe();
    learner.tell(new Learner.GetStatus(probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void itLearnsFromTheOutcomeStreamAndPublishesATrustedModelThatARestartRestoresWithoutRetraining() {
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(600, 7);
    AtomicLong askedFrom = new AtomicLong(-1);
    CountingTrainer trainer = new CountingTrainer();
    FleetLearning board = new FleetLearning();
    ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(SETTINGS, trainer, feed(outcomes, askedFrom), board));

    await().atMost(Duration.ofSeconds(60)).until(() -> {
      LearnerStatus s = status(learner);
      return s.trainingSetSize() == 600 && !s.training() && s.outcomesSinceTraining() < SETTINGS.retrainEveryOutcomes();
    });
    LearnerStatus learned = status(learner);
    assertThat(askedFrom.get()).isZero();
    assertThat(learned.trusted()).as(learned.toString()).isTrue();
    assertThat(learned.holdout().durationR2()).isGreaterThanOrEqualTo(LearnedModel.MIN_R2);
    assertThat(learned.featureImportances().keySet()).containsExactlyInAnyOrderElementsOf(DeploymentFeatures.NAMES);
    assertThat(learned.trainings()).isNotEmpty().allSatisfy(t ->
        assertThat(t.heldOut()).isPositive());
    // Every training after the first judged the challenger on the champion's own held-out outcomes.
    assertThat(learned.trainings().subList(1, learned.trainings().size()))
        .allSatisfy(t -> assertThat(t.champion().count()).isEqualTo(t.challenger().count()));
    assertThat(board.model().trusted()).isTrue();
    assertThat(board.model().version()).isEqualTo(learned.version());
    int fitsBefore = trainer.fits.get();

    TestProbe<Object> watcher = KIT.createTestProbe();
    KIT.stop(learner);
    watcher.expectTerminated(learner);
    FleetLearning freshBoard = new FleetLearning();
    ActorRef<Learner.Command> again =
        KIT.spawn(Learner.create(SETTINGS, trainer, feed(outcomes, askedFrom), freshBoard));

    await().atMost(Duration.ofSeconds(20)).until(() -> freshBoard.model().trusted());
    LearnerStatus restored = status(again);
    assertThat(restored.version()).isEqualTo(learned.version());
    assertThat(restored.trainingSetSize()).isEqualTo(600);
    assertThat(askedFrom.get()).as("the stream is read on from where it was").isEqualTo(600);
    assertThat(trainer.fits.get()).as("no retraining from scratch").isEqualTo(fitsBefore);
    DeploymentFeatures probe = outcomes.get(0).features();
    assertThat(freshBoard.model().predictor().predict(probe)).isEqualTo(board.model().predictor().predict(probe));
  }

  @Test
  void belowTenOutcomesNothingIsTrainedAndPlansFollowTheRules() {
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(9, 3);
    CountingTrainer trainer = new CountingTrainer();
    FleetLearning board = new FleetLearning();
    ActorRef<Learner.Command> learner =
        KIT.spawn(Learner.create(SETTINGS, trainer, feed(outcomes, new AtomicLong()), board), "few-outcomes");

    await().atMost(Duration.ofSeconds(10)).until(() -> status(learner).trainingSetSize() == 9);
    LearnerStatus s = status(learner);
    assertThat(s.version()).isEqualTo("none");
    assertThat(s.trusted()).isFalse();
    assertThat(s.basis()).contains("9 outcomes, below the 10 needed");
    assertThat(trainer.fits.get()).isZero();
    assertThat(board.inputs(0).model().trusted()).isFalse();
  }
}
