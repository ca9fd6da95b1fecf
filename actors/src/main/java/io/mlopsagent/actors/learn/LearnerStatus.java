package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The learner as the admin API shows it ({@code GET /api/learner}).
 *
 * @param version the champion's name ("v3"), "none" before the first promotion
 * @param trusted whether plans use it (enough outcomes and R² on held-out outcomes; learning on)
 * @param basis why plans use it or fall back to the rules
 * @param holdout the champion's figures on the newest training's held-out outcomes
 * @param trainings the newest trainings with both models' figures, newest last
 */
public record LearnerStatus(
    boolean enabled,
    String version,
    boolean trusted,
    String basis,
    int trainingSetSize,
    int outcomesSinceTraining,
    HoldoutMetrics holdout,
    Instant lastTrainedAt,
    Map<String, Double> featureImportances,
    String library,
    boolean training,
    List<LearnerState.Training> trainings) implements CborSerializable {

  static LearnerStatus of(LearnerState s, LearnedModel published, boolean fitting, String library,
      LearnerSettings settings) {
    LearnerState.Champion c = s.champion();
    boolean trusted = settings.enabled() && published.trusted();
    String basis = !settings.enabled() ? "learning is off (mlops.learner.enabled = false): plans follow the rules"
        : published.trusted() ? "plans use " + published.describe() : "plans follow the rules: "
            + (c == null && s.outcomes().size() < LearnedModel.MIN_OUTCOMES
                ? s.outcomes().size() + " outcomes, below the " + LearnedModel.MIN_OUTCOMES + " needed"
                : published.whyNotTrusted());
    return new LearnerStatus(settings.enabled(), c == null ? "none" : "v" + c.version(), trusted, basis,
        s.outcomes().size(), s.sinceTraining(), c == null ? null : c.holdout(), s.lastTrainedAt(),
        c == null ? Map.of() : c.importances(), library, fitting, s.trainings());
  }
}
