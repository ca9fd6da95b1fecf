package io.mlopsagent.actors.learn;

/**
 * What a predictor expects of one deployment.
 *
 * @param durationSeconds expected time from start to end of the rollout
 * @param failureRisk probability that it does not end promoted, 0..1
 */
public record Prediction(double durationSeconds, double failureRisk) {}
