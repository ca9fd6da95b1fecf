package io.mlopsagent.actors.learn;

import java.util.Map;

/**
 * A trained model of deployment outcomes. The boundary to the learning library: nothing outside
 * the implementation sees its types, so another library could take its place.
 */
public interface OutcomePredictor {

  Prediction predict(DeploymentFeatures features);

  /** How much each feature (by {@link DeploymentFeatures#NAMES}) counts, summing to 1. */
  Map<String, Double> featureImportances();

  /** The trained model as bytes, for the journal; {@link PredictorTrainer#restore} reads them back. */
  byte[] serialize();
}
