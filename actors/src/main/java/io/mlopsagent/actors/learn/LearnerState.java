package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the learner remembers, rebuilt from its events: the newest outcomes (its training set),
 * how far it has read the outcome stream, the champion model and the recent trainings. Pure.
 *
 * @param outcomes the training set, oldest first, at most {@link LearnerSettings#trainingSetSize()}
 * @param offset the outcome stream's offset of the newest outcome learned
 * @param sinceTraining outcomes learned since the last training
 * @param lastTrainedAt observation time of the last training (the newest outcome's end then)
 * @param champion the model plans use, {@code null} before the first training
 * @param trainings the newest trainings, newest last, for the admin API
 */
public record LearnerState(
    List<DeploymentOutcome> outcomes,
    long offset,
    int sinceTraining,
    Instant lastTrainedAt,
    Champion champion,
    List<Training> trainings) implements CborSerializable {

  /** Trainings kept for the admin API. */
  static final int TRAININGS_KEPT = 20;

  /**
   * The model plans use.
   *
   * @param version 1, 2, ... in the order models were promoted
   * @param model the predictor's bytes ({@link OutcomePredictor#serialize()})
   * @param holdout its figures at the newest training, on that training's held-out outcomes
   */
  public record Champion(int version, Instant trainedAt, int trainingSize, HoldoutMetrics holdout,
      Map<String, Double> importances, String library, byte[] model) implements CborSerializable {}

  /**
   * One training: the challenger's figures and the champion's on the same held-out outcomes.
   *
   * @param champion the champion's figures, {@code null} when there was none
   * @param promoted whether the challenger became the champion
   */
  public record Training(Instant at, int trainingSize, int heldOut, HoldoutMetrics challenger,
      HoldoutMetrics champion, boolean promoted, String reason) implements CborSerializable {}

  public LearnerState {
    outcomes = List.copyOf(outcomes);
    trainings = List.copyOf(trainings);
  }

  public static LearnerState empty() {
    return new LearnerState(List.of(), 0, 0, null, null, List.of());
  }

  /**
   * With one more outcome; an outcome of a rollout already learned (a promotion rolled back since)
   * replaces the earlier verdict. The oldest outcomes leave once the set is full.
   */
  public LearnerState learned(DeploymentOutcome o, long newOffset, int limit) {
    List<DeploymentOutcome> next = new ArrayList<>(outcomes.size() + 1);
    for (DeploymentOutcome old : outcomes) {
      if (!(old.rolloutId().equals(o.rolloutId()) && old.model().equals(o.model()))) {
        next.add(old);
      }
    }
    next.add(o);
    while (next.size() > limit) {
      next.remove(0);
    }
    return new LearnerState(next, Math.max(offset, newOffset), sinceTraining + 1, lastTrainedAt, champion, trainings);
  }

  /**
   * After a training; the champion changes only when the challenger won. Outcomes learned while it
   * ran still count toward the next one.
   *
   * @param consumed the outcomes new since the previous training when this one started
   */
  public LearnerState trained(Training t, Champion newChampion, int consumed) {
    List<Training> kept = new ArrayList<>(trainings);
    kept.add(t);
    while (kept.size() > TRAININGS_KEPT) {
      kept.remove(0);
    }
    Champion next = newChampion != null ? newChampion : champion == null || t.champion() == null ? champion
        // The champion stays, with its figures on the newest held-out outcomes: trust follows them.
        : new Champion(champion.version(), champion.trainedAt(), champion.trainingSize(), t.champion(),
            champion.importances(), champion.library(), champion.model());
    return new LearnerState(outcomes, offset, Math.max(0, sinceTraining - consumed), t.at(), next, kept);
  }

  /**
   * Whether a training is due: enough outcomes, and either {@code everyOutcomes} new ones or
   * {@code every} of observation time since the last training with at least one new.
   */
  public boolean trainingDue(int minOutcomes, int everyOutcomes, Duration every) {
    if (outcomes.size() < minOutcomes || sinceTraining == 0) {
      return false;
    }
    if (champion == null || sinceTraining >= everyOutcomes) {
      return true;
    }
    Instant newest = outcomes.get(outcomes.size() - 1).endedAt();
    return lastTrainedAt == null || !newest.isBefore(lastTrainedAt.plus(every));
  }

  /** The newest outcome's end: the learner's clock is the fleet's observation time. */
  public Instant observedUntil() {
    return outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1).endedAt();
  }
}
