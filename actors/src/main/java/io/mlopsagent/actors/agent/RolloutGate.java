package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.learn.PlanningInputs;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyMode;
import org.slf4j.Logger;

/**
 * What one model's rollouts need from the rest of the fleet on this node: a permit under the
 * fleet-wide cap, and what plans are made with (the learner's model, the fleet's load).
 */
final class RolloutGate {
  private final ModelName model;
  private final ModelAgentPorts ports;
  private final Logger log;

  RolloutGate(ModelName model, ModelAgentPorts ports, Logger log) {
    this.model = model;
    this.ports = ports;
    this.log = log;
  }

  /**
   * Nothing new is done for a model an operator paused (or while the fleet is); a rollout starts
   * only with a fleet-wide permit; every other plan needs none.
   */
  boolean permitted(Plan plan, Policy policy) {
    if (ports.switches().blocks(model, plan)) {
      log.debug("{}: {} held: paused by an operator", model, plan.getClass().getSimpleName());
      return false;
    }
    if (!(plan instanceof Plan.StartRollout start) || policy.mode() != PolicyMode.ACT) {
      return true;
    }
    int max = policy.safety().maxConcurrentRollouts();
    if (ports.permits().tryAcquire(model, max)) {
      return true;
    }
    log.info("{}: rollout of {} deferred: {} rollouts in progress in the fleet (max {})", model,
        start.candidate().version(), ports.permits().inUse(), max);
    return false;
  }

  /**
   * Why a requested rollout may not start now (the model or the fleet paused, the fleet-wide cap
   * reached), or null when it may: it then holds a permit.
   */
  String heldBack(Decisions.RolloutStarted started, Policy policy) {
    io.mlopsagent.actors.control.OperatorSwitches.Pause pause = ports.switches().current().pauseOf(model);
    if (pause != null) {
      return "model " + model + " is paused by " + pause.by() + (pause.reason().isEmpty() ? "" : " (" + pause.reason()
          + ")") + (ports.switches().current().fleetPaused() ? " (the fleet is paused)" : "");
    }
    int max = policy.safety().maxConcurrentRollouts();
    if (!ports.permits().tryAcquire(model, max)) {
      return ports.permits().inUse() + " rollouts are in progress in the fleet (max " + max + " by policy '"
          + policy.name() + "'); try again later";
    }
    return null;
  }

  /** What a rollout decided now is planned with. */
  PlanningInputs planning() {
    return ports.learning().inputs(ports.permits().inUse());
  }

  /** What a rollout would get now ({@code GET /api/models/{name}/plan}), or why there is no answer. */
  org.apache.pekko.pattern.StatusReply<PlanView> preview(ModelState state, ModelAgent.PlanVersionsFetched fetched) {
    if (fetched.error() != null) {
      return org.apache.pekko.pattern.StatusReply.error("the model registry did not answer: " + fetched.error());
    }
    try {
      return org.apache.pekko.pattern.StatusReply.success(
          PlanPreview.of(model, state, fetched.versions(), planning()));
    } catch (IllegalStateException e) {
      return org.apache.pekko.pattern.StatusReply.error(e.getMessage());
    }
  }
}
