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

    /** Whether journaled models read as written by an older, unreadable format. */
    volatile boolean olderFormat;

    @Override
    public OutcomePredictor restore(byte[] bytes) {
      if (olderFormat) {
        throw new IllegalArgumentException("predictor bytes have format 1, this version reads 2");
      }
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
  void aJournaledModelThisVersionCannotReadIsRetrainedAtOnceFromTheTrainingSet() {
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(300, 11);
    AtomicLong askedFrom = new AtomicLong(-1);
    CountingTrainer trainer = new CountingTrainer();
    ActorRef<Learner.Command> learner =
        KIT.spawn(Learner.create(SETTINGS, trainer, feed(outcomes, askedFrom), new FleetLearning()));
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      LearnerStatus s = status(learner);
      return s.trainingSetSize() == 300 && !s.training() && s.outcomesSinceTraining() < SETTINGS.retrainEveryOutcomes();
    });
    LearnerStatus before = status(learner);
    int fitsBefore = trainer.fits.get();
    TestProbe<Object> watcher = KIT.createTestProbe();
    KIT.stop(learner);
    watcher.expectTerminated(learner);

    // The next version of the agent reads the same journal but not the model's bytes in it.
    trainer.olderFormat = true;
    FleetLearning board = new FleetLearning();
    ActorRef<Learner.Command> again = KIT.spawn(Learner.create(SETTINGS, trainer, feed(outcomes, askedFrom), board));

    await().atMost(Duration.ofSeconds(60)).until(() -> board.model().predictor() != null);
    assertThat(askedFrom.get()).as("no new outcome was needed").isEqualTo(300);
    assertThat(trainer.fits.get()).isEqualTo(fitsBefore + 1);
    assertThat(board.model().version()).isNotEqualTo(before.version());
    assertThat(status(again).trainingSetSize()).isEqualTo(300);
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

  /** Tells the learner one outcome, as the stream would, and waits for it to be journaled. */
  private static void learn(ActorRef<Learner.Command> learner, DeploymentOutcome outcome, long offset) {
    TestProbe<org.apache.pekko.Done> journaled = KIT.createTestProbe();
    learner.tell(new Learner.Learn(outcome, offset, journaled.ref()));
    journaled.receiveMessage();
  }

  /** The learner once no training runs: what it has trained so far. */
  private static LearnerStatus settled(ActorRef<Learner.Command> learner) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !status(learner).training());
    return status(learner);
  }

  @Test
  void itRetrainsAfterKNewOutcomesOrTOfObservationTimeAndNotBefore() {
    int k = 5;
    Duration t = Duration.ofHours(6);
    LearnerSettings settings = new LearnerSettings(true, 5000, k, t, Duration.ofHours(12), 42);
    CountingTrainer trainer = new CountingTrainer();
    // Outcomes come only from this test, a minute of observation time apart.
    OutcomeFeed silent = offset -> Source.never();
    ActorRef<Learner.Command> learner =
        KIT.spawn(Learner.create(settings, trainer, silent, new FleetLearning()), "retraining-triggers");
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(200, 21);
    java.time.Instant t0 = java.time.Instant.parse("2026-01-05T08:00:00Z");
    java.util.function.IntFunction<DeploymentOutcome> endingAtMinute = i -> {
      DeploymentOutcome o = outcomes.get(i);
      java.time.Instant end = t0.plus(Duration.ofMinutes(i));
      return TestOutcomes.outcome(i, o.features(), end.minusSeconds(600), 600, o.result());
    };

    for (int i = 0; i < LearnedModel.MIN_OUTCOMES; i++) {
      learn(learner, endingAtMinute.apply(i), i + 1);
    }
    assertThat(settled(learner).trainings()).as("the first training, at 10 outcomes").hasSize(1);

    for (int i = LearnedModel.MIN_OUTCOMES; i < LearnedModel.MIN_OUTCOMES + k - 1; i++) {
      learn(learner, endingAtMinute.apply(i), i + 1);
    }
    LearnerStatus fourNew = status(learner);
    assertThat(fourNew.training()).as("no training started at K - 1 new").isFalse();
    assertThat(fourNew.outcomesSinceTraining()).isEqualTo(k - 1);
    assertThat(fourNew.trainings()).hasSize(1);

    learn(learner, endingAtMinute.apply(14), 15);
    LearnerStatus afterK = settled(learner);
    assertThat(afterK.trainings()).as("a training at K new").hasSize(2);
    assertThat(afterK.outcomesSinceTraining()).isZero();
    assertThat(afterK.lastTrainedAt()).isEqualTo(t0.plus(Duration.ofMinutes(14)));
    assertThat(trainer.fits.get()).isEqualTo(2);

    // Fewer than K new outcomes: a training once the newest ends T after the last training.
    DeploymentOutcome early = outcomes.get(15);
    java.time.Instant justBefore = afterK.lastTrainedAt().plus(t).minusSeconds(1);
    learn(learner, TestOutcomes.outcome(15, early.features(), justBefore.minusSeconds(600), 600, early.result()), 16);
    assertThat(status(learner).training()).as("a second short of T").isFalse();
    assertThat(status(learner).trainings()).hasSize(2);

    DeploymentOutcome late = outcomes.get(16);
    java.time.Instant atT = afterK.lastTrainedAt().plus(t);
    learn(learner, TestOutcomes.outcome(16, late.features(), atT.minusSeconds(600), 600, late.result()), 17);
    LearnerStatus afterT = settled(learner);
    assertThat(afterT.trainings()).as("a training at T of observation time").hasSize(3);
    assertThat(afterT.lastTrainedAt()).isEqualTo(atT);
    assertThat(trainer.fits.get()).isEqualTo(3);
  }

  @Test
  void aChangedPolicyChangesWhenTheNextTrainingHappensWithoutARestart() {
    // The configuration says K = 25 and T = 6h; the policies in force say otherwise, and change.
    java.util.concurrent.atomic.AtomicReference<io.mlopsagent.actors.policy.LearnerPolicy> policy =
        new java.util.concurrent.atomic.AtomicReference<>(io.mlopsagent.actors.policy.LearnerPolicy.UNSET);
    CountingTrainer trainer = new CountingTrainer();
    ActorRef<Learner.Command> learner = KIT.spawn(Learner.create(SETTINGS, policy::get, trainer,
        offset -> Source.never(), new FleetLearning(), champion -> { }), "policy-retraining");
    List<DeploymentOutcome> outcomes = TestOutcomes.generate(200, 23);
    java.time.Instant t0 = java.time.Instant.parse("2026-01-05T08:00:00Z");
    AtomicInteger next = new AtomicInteger();
    // The next outcome, ending {@code minutes} after t0.
    java.util.function.IntConsumer learnEndingAt = minutes -> {
      int i = next.getAndIncrement();
      DeploymentOutcome o = outcomes.get(i);
      java.time.Instant end = t0.plus(Duration.ofMinutes(minutes));
      learn(learner, TestOutcomes.outcome(i, o.features(), end.minusSeconds(600), 600, o.result()), i + 1);
    };

    for (int i = 0; i < LearnedModel.MIN_OUTCOMES; i++) {
      learnEndingAt.accept(i);
    }
    assertThat(settled(learner).trainings()).as("the first training, at 10 outcomes").hasSize(1);
    for (int i = 10; i < 13; i++) {
      learnEndingAt.accept(i);
    }
    assertThat(status(learner).trainings()).as("3 new, K = 25 from the configuration").hasSize(1);

    // A reload lowers K to 5: the learner asks at the next outcome.
    policy.set(new io.mlopsagent.actors.policy.LearnerPolicy(5, null));
    learnEndingAt.accept(13);
    LearnerStatus fourNew = status(learner);
    assertThat(fourNew.training()).as("4 new, K = 5 now").isFalse();
    assertThat(fourNew.trainings()).hasSize(1);
    learnEndingAt.accept(14);
    LearnerStatus afterFive = settled(learner);
    assertThat(afterFive.trainings()).as("a training at the policy's K").hasSize(2);
    assertThat(afterFive.lastTrainedAt()).isEqualTo(t0.plus(Duration.ofMinutes(14)));

    // Another reload raises K to 8: 5 new no longer train.
    policy.set(new io.mlopsagent.actors.policy.LearnerPolicy(8, null));
    for (int i = 15; i < 22; i++) {
      learnEndingAt.accept(i);
    }
    LearnerStatus sevenNew = status(learner);
    assertThat(sevenNew.training()).as("7 new, K = 8 now").isFalse();
    assertThat(sevenNew.outcomesSinceTraining()).isEqualTo(7);
    assertThat(sevenNew.trainings()).hasSize(2);
    learnEndingAt.accept(22);
    assertThat(settled(learner).trainings()).as("a training at the new K").hasSize(3);

    // A policy setting only T: K is the configuration's again, T is 30 minutes instead of 6h.
    policy.set(new io.mlopsagent.actors.policy.LearnerPolicy(null, Duration.ofMinutes(30)));
    learnEndingAt.accept(51);
    assertThat(status(learner).training()).as("a minute short of the policy's T").isFalse();
    learnEndingAt.accept(52);
    LearnerStatus afterT = settled(learner);
    assertThat(afterT.trainings()).as("a training at the policy's T").hasSize(4);
    assertThat(afterT.lastTrainedAt()).isEqualTo(t0.plus(Duration.ofMinutes(52)));
    assertThat(trainer.fits.get()).as("every training by the same learner, never restarted").isEqualTo(4);
  }
}
