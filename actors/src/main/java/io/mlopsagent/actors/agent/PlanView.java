package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentPlan;
import io.mlopsagent.persistence.CborSerializable;

/**
 * What the optimizer would do if a model's rollout started now, and why: the admin API's
 * {@code GET /api/models/{name}/plan}.
 *
 * @param candidate the version the plan is for: the registry's best that validates better than the
 *     serving one, or the serving version itself when there is none (then {@code note} says so)
 * @param scheduled a rollout already waiting for its planned start, {@code null} if none
 */
public record PlanView(String model, String stableVersion, String candidate, DeploymentFeatures features,
    DeploymentPlan plan, DeploymentMemory.Scheduled scheduled, String note) implements CborSerializable {}
