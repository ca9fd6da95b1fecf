package io.mlopsagent.actors.learn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One training: a challenger fitted on the training part of the outcomes, then it and the champion
 * measured on the same held-out part. An outcome is held out by a stable hash of its rollout, so it
 * stays held out at every training: the champion never saw the outcomes it is judged on either.
 */
final class Retraining {
  private Retraining() {}

  /** What a training produced; the challenger's bytes are ready for the journal. */
  record Result(LearnerState.Training training, OutcomePredictor challenger, byte[] bytes,
      Map<String, Double> importances) {
    LearnerState.Champion champion(int version, String library) {
      return new LearnerState.Champion(version, training.at(), training.trainingSize(), training.challenger(),
          importances, library, bytes);
    }
  }

  static Result run(PredictorTrainer trainer, List<DeploymentOutcome> outcomes, OutcomePredictor champion, long seed,
      Instant at) {
    Holdout.Split split = split(outcomes);
    OutcomePredictor challenger = trainer.fit(split.training(), seed);
    HoldoutMetrics challengerFigures = Holdout.evaluate(challenger, split.heldOut());
    HoldoutMetrics championFigures = champion == null ? null : Holdout.evaluate(champion, split.heldOut());
    ChampionChallenger.Verdict verdict = ChampionChallenger.judge(championFigures, challengerFigures);
    LearnerState.Training training = new LearnerState.Training(at, split.training().size(), split.heldOut().size(),
        challengerFigures, championFigures, verdict.challengerWins(), verdict.reason());
    return new Result(training, challenger, verdict.challengerWins() ? challenger.serialize() : null,
        challenger.featureImportances());
  }

  /** Every rollout whose hash falls in one fifth is held out; a tiny set falls back to positions. */
  static Holdout.Split split(List<DeploymentOutcome> outcomes) {
    List<DeploymentOutcome> training = new ArrayList<>();
    List<DeploymentOutcome> heldOut = new ArrayList<>();
    for (DeploymentOutcome o : outcomes) {
      int bucket = Math.floorMod((o.model() + "/" + o.rolloutId()).hashCode() * 0x9E3779B1, Holdout.EVERY);
      (bucket == 0 ? heldOut : training).add(o);
    }
    if (heldOut.size() < 2 || training.size() < 2) {
      return Holdout.split(outcomes);
    }
    return new Holdout.Split(training, heldOut);
  }
}
