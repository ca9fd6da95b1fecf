package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;

/**
 * When the fleet's learner retrains ({@code policies.learner}): after K new deployment outcomes or
 * T of observation time. Fleet-wide, since there is one learner for the whole fleet, so it sits
 * beside the default policy, never in it or in an override. Each value is optional: one the file
 * leaves out is taken from the agent's configuration ({@code mlops.learner.*}), which keeps its
 * defaults. Built and checked by {@link PolicyLoader}.
 *
 * @param retrainEveryOutcomes K, a training after this many new outcomes; null when not set
 * @param retrainEvery T, or after this much observation time with at least one new outcome; null
 *     when not set
 */
public record LearnerPolicy(Integer retrainEveryOutcomes, Duration retrainEvery) implements CborSerializable {

  /** No learner section: the configuration decides both. */
  public static final LearnerPolicy UNSET = new LearnerPolicy(null, null);

  /** More would mean a learner that practically never retrains on count. */
  public static final int MAX_OUTCOMES = 1_000_000;

  public LearnerPolicy {
    if (retrainEveryOutcomes != null && (retrainEveryOutcomes < 1 || retrainEveryOutcomes > MAX_OUTCOMES)) {
      throw new IllegalArgumentException("policies.learner.retrain-every-outcomes = " + retrainEveryOutcomes
          + ": expected an integer from 1 to " + MAX_OUTCOMES);
    }
    if (retrainEvery != null && (retrainEvery.isNegative() || retrainEvery.isZero())) {
      throw new IllegalArgumentException("policies.learner.retrain-every = " + retrainEvery
          + ": expected a positive duration");
    }
  }

  /** K in force: this policy's, else {@code configured} (mlops.learner.retrain-every-outcomes). */
  public int retrainEveryOutcomesOr(int configured) {
    return retrainEveryOutcomes != null ? retrainEveryOutcomes : configured;
  }

  /** T in force: this policy's, else {@code configured} (mlops.learner.retrain-every). */
  public Duration retrainEveryOr(Duration configured) {
    return retrainEvery != null ? retrainEvery : configured;
  }
}
