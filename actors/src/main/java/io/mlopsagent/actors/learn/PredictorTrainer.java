package io.mlopsagent.actors.learn;

import java.util.List;

/** Fits predictors of deployment duration and risk (the learning library's side of the boundary). */
public interface PredictorTrainer {

  /**
   * A predictor fitted on {@code training}.
   *
   * @param seed makes the fit repeatable
   */
  OutcomePredictor fit(List<DeploymentOutcome> training, long seed);

  /** A predictor from {@link OutcomePredictor#serialize()}'s bytes. */
  OutcomePredictor restore(byte[] bytes);

  /** Name and version of the learning library, for the admin API. */
  String library();
}
