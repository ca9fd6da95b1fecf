package io.mlopsagent.actors.learn;

import java.util.Objects;

/**
 * Plans a deployment: which strategy, when, and with how much CPU per replica. While the learned
 * model is not trusted (too few outcomes, or it explains too little of the held-out durations) the
 * seed's rules plan; once it is, the plan that the model predicts fastest to a successful
 * deployment, all costs counted, wins. Pure: the moment, the usage, the fleet's load and the model
 * all come in the request.
 *
 * <p>A learned plan costs one prediction per combination: up to 5 strategies x 5 CPU options x
 * (1 + whole hours within the request's maximum delay) starts, so 325 for a 12 h delay, 25 when
 * the rollout is urgent or the fleet's load is not learned (about 10 ms with the random forests).
 * A rules plan costs none.
 */
public final class DeploymentOptimizer {
  private DeploymentOptimizer() {}

  public static DeploymentPlan plan(PlanRequest request, LearnedModel model) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(model, "model");
    if (!model.trusted()) {
      return RulePlanner.plan(request, model.whyNotTrusted());
    }
    return LearnedPlanner.plan(request, model).orElseGet(() ->
        RulePlanner.plan(request, model.describe() + " gave no usable prediction for the policy's plan"));
  }
}
