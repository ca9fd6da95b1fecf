package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.learn.PlanningInputs;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.ports.ModelVersion;
import java.util.List;
import java.util.Map;

/**
 * What a model's entity journals for an operator's or a pipeline's request, as pure functions of
 * its state: either the events, or why the request is refused (a conflict the caller can act on).
 */
final class OperatorDecisions {
  private OperatorDecisions() {}

  /** The events of a request, or the reason it is refused. */
  record Result(List<ModelAgent.Event> events, String refusal) {
    static Result refused(String why) {
      return new Result(List.of(), why);
    }

    boolean accepted() {
      return refusal == null;
    }
  }

  /** Why nothing may be done for the model now by request, or null when it may. */
  static String cannotAct(ModelName model, ModelState s) {
    if (!s.known() || s.latest() == null) {
      return "model " + model + " has not been observed yet";
    }
    if (s.policy().mode() != PolicyMode.ACT) {
      return "model " + model + " is under policy '" + s.policy().name() + "' in mode " + s.policy().mode().word()
          + ": the agent does not act on it";
    }
    if (s.workload() == null) {
      return "what the cluster runs for model " + model + " is not known yet; try again shortly";
    }
    if (s.lastActed() != null) {
      return "an action for model " + model + " is still being carried out; try again shortly";
    }
    return null;
  }

  /** Serve the version the newest promotion replaced again. */
  static Result rollBack(ModelName model, ModelState s, String by, String reason) {
    String refusal = cannotAct(model, s);
    if (refusal != null) {
      return Result.refused(refusal);
    }
    if (s.rolloutInProgress()) {
      return Result.refused("model " + model + " has rollout " + s.rollout().id() + " in progress: abort it instead");
    }
    if (s.lastPromotion() == null || s.lastPromotion().previousVersion() == null) {
      return Result.refused("model " + model + " has no promotion to roll back (serving version "
          + s.workload().stableVersion() + ")");
    }
    String why = "operator rollback by " + by + (reason.isEmpty() ? "" : ": " + reason);
    Plan.RollBack plan = new Plan.RollBack(s.lastPromotion().version(), s.lastPromotion().previousVersion(), why,
        Map.of());
    return new Result(WindowDecisions.byOperator(model, s,
        JournalEntries.decisionOf(model, plan, s, s.latest().at())), null);
  }

  /** Why a deployment cannot start now, before the registry is asked; null when it can. */
  static String cannotDeploy(ModelName model, ModelState s) {
    String refusal = cannotAct(model, s);
    if (refusal != null) {
      return refusal;
    }
    if (s.rolloutInProgress()) {
      return "model " + model + " has rollout " + s.rollout().id() + " in progress (to version "
          + s.rollout().toVersion() + ")";
    }
    return null;
  }

  /** Start the rollout a deployment request asks for, with the registry's versions. */
  static Result deploy(ModelName model, ModelState s, DeploymentRequest request, List<ModelVersion> versions,
      PlanningInputs planning) {
    String refusal = cannotDeploy(model, s);
    if (refusal != null) {
      return Result.refused(refusal);
    }
    ModelVersion candidate = versions.stream().filter(v -> v.version().equals(request.version())).findFirst()
        .orElse(null);
    if (candidate == null) {
      List<String> known = versions.stream().map(ModelVersion::version).toList();
      return Result.refused("version '" + request.version() + "' of model " + model
          + " is not in the model registry (versions there: " + known + ")");
    }
    if (candidate.version().equals(s.workload().stableVersion())) {
      return Result.refused("model " + model + " already serves version " + candidate.version());
    }
    return new Result(WindowDecisions.byOperator(model, s,
        RolloutPlanning.requested(model, request, candidate, s, s.latest().at(), planning)), null);
  }
}
