package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;

/**
 * How well a predictor did on outcomes it was not trained on.
 *
 * @param count held-out outcomes
 * @param durationMae mean absolute error of the predicted duration, seconds
 * @param durationR2 coefficient of determination of the predicted duration (1 is perfect, 0 is
 *     no better than the mean; may be negative)
 * @param riskLogLoss mean log-loss of the predicted failure risk
 * @param riskAuc area under the ROC curve of the predicted failure risk; NaN when the held-out
 *     outcomes are all successes or all failures
 */
public record HoldoutMetrics(int count, double durationMae, double durationR2, double riskLogLoss, double riskAuc)
    implements CborSerializable {}
