package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;

/**
 * One part of a deployment plan (its strategy, its start or its resources), with why it was chosen.
 *
 * @param decision what was chosen, e.g. "canary 10/50/100", "now", "03:00 UTC (in 5 h)", "2.00 cores per replica"
 * @param reason why, with the predicted numbers that decided it
 * @param confidence how far the choice can be trusted, 0..1: a rule's is fixed and low, a learned
 *     choice's follows the model's held-out scores and training size
 * @param predictedDurationSeconds of the whole plan this part belongs to
 * @param predictedRisk of the whole plan this part belongs to; NaN when a rule chose (rules do not
 *     estimate risk)
 */
public record PlanPart(
    String decision, String reason, double confidence, double predictedDurationSeconds, double predictedRisk)
    implements CborSerializable {}
