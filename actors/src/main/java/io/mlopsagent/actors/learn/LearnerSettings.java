package io.mlopsagent.actors.learn;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The learner's settings ({@code mlops.learner}).
 *
 * @param enabled whether rollout plans use the learned model (false: the seed's rules only; the
 *     learner still trains, so its figures can be watched before it is trusted)
 * @param trainingSetSize the newest outcomes kept for training
 * @param retrainEveryOutcomes a training after this many new outcomes, unless the policies in force
 *     set {@code policies.learner.retrain-every-outcomes}
 * @param retrainEvery or after this much observation time with at least one new outcome, unless the
 *     policies in force set {@code policies.learner.retrain-every}
 * @param maxDelay how far a plan may put a rollout off to leave the fleet's busy hours
 * @param seed makes trainings repeatable
 */
public record LearnerSettings(boolean enabled, int trainingSetSize, int retrainEveryOutcomes, Duration retrainEvery,
    Duration maxDelay, long seed) {

  public LearnerSettings {
    if (trainingSetSize < LearnedModel.MIN_OUTCOMES) {
      throw new IllegalArgumentException("mlops.learner.training-set-size was " + trainingSetSize
          + ", allowed is " + LearnedModel.MIN_OUTCOMES + " or more");
    }
    if (retrainEveryOutcomes < 1) {
      throw new IllegalArgumentException("mlops.learner.retrain-every-outcomes was " + retrainEveryOutcomes
          + ", allowed is 1 or more");
    }
    if (retrainEvery == null || retrainEvery.isNegative() || retrainEvery.isZero()) {
      throw new IllegalArgumentException("mlops.learner.retrain-every was " + retrainEvery
          + ", allowed is a positive duration");
    }
    if (maxDelay == null || maxDelay.isNegative() || maxDelay.compareTo(Duration.ofDays(2)) > 0) {
      throw new IllegalArgumentException("mlops.learner.max-delay was " + maxDelay + ", allowed is 0s to 2d");
    }
  }

  public static LearnerSettings fromConfig(Config learner) {
    return new LearnerSettings(learner.getBoolean("enabled"), learner.getInt("training-set-size"),
        learner.getInt("retrain-every-outcomes"), learner.getDuration("retrain-every"),
        learner.getDuration("max-delay"), learner.getLong("seed"));
  }

  /** What this node's rollout plans read, as these settings want it. */
  public FleetLearning fleetLearning() {
    return new FleetLearning(enabled, maxDelay);
  }
}
