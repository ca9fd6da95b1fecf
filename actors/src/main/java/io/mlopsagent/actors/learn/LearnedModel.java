package io.mlopsagent.actors.learn;

import java.time.Instant;
import java.util.Locale;

/**
 * The learner's current model of deployment outcomes, and whether the optimizer may act on it. A
 * model fitted on a handful of outcomes, or one that explains little of the held-out durations,
 * would plan worse than the seed's rules while sounding sure of itself; until it clears both bars
 * the rules plan.
 *
 * <p>Not serializable: it holds a live predictor; the journal keeps the predictor's bytes instead.
 *
 * @param predictor the fitted predictor; null before the first fit
 * @param holdout how it did on held-out outcomes; null when it was not checked
 * @param trainingSize outcomes it was fitted on (or, before a fit, outcomes collected so far)
 * @param version the model's name in decisions, e.g. "v3"
 * @param trainedAt when it was fitted; null before the first fit
 */
public record LearnedModel(
    OutcomePredictor predictor, HoldoutMetrics holdout, int trainingSize, String version, Instant trainedAt) {

  /** Outcomes a model needs behind it (the seed's bar). */
  public static final int MIN_OUTCOMES = 10;
  /** Share of the held-out durations' variance a model must explain (the seed's bar). */
  public static final double MIN_R2 = 0.7;

  public LearnedModel {
    if (trainingSize < 0) {
      throw new IllegalArgumentException("trainingSize was " + trainingSize + ", allowed is 0 or more");
    }
    version = version == null ? "none" : version;
  }

  /** No model and no outcomes yet. */
  public static LearnedModel none() {
    return new LearnedModel(null, null, 0, "none", null);
  }

  /** Whether the optimizer may plan with it. */
  public boolean trusted() {
    return whyNotTrusted().isEmpty();
  }

  /** Why the optimizer may not plan with it, for a decision's reasons; empty when it may. */
  public String whyNotTrusted() {
    if (predictor == null && trainingSize == 0) {
      return "no model trained yet";
    }
    if (trainingSize < MIN_OUTCOMES) {
      return trainingSize + (trainingSize == 1 ? " outcome" : " outcomes") + ", below the " + MIN_OUTCOMES
          + " needed";
    }
    if (predictor == null) {
      return "no model trained yet";
    }
    if (holdout == null) {
      return "not checked on held-out outcomes";
    }
    if (Double.isNaN(holdout.durationR2())) {
      return "holdout R² unknown";
    }
    if (holdout.durationR2() < MIN_R2) {
      return String.format(Locale.ROOT, "holdout R² %.2f, below %.1f", holdout.durationR2(), MIN_R2);
    }
    return "";
  }

  /** The model as a decision names it, e.g. "learned model v3 (R² 0.83 on 40 held-out outcomes)". */
  public String describe() {
    if (holdout == null) {
      return "learned model " + version;
    }
    return String.format(Locale.ROOT, "learned model %s (R² %.2f on %d held-out outcomes)", version,
        holdout.durationR2(), holdout.count());
  }
}
