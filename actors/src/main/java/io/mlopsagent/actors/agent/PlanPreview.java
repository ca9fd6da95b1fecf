package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.learn.PlanningInputs;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import java.util.List;
import java.util.Set;

/** The plan a rollout would get now, for the admin API; pure. */
final class PlanPreview {
  private PlanPreview() {}

  /**
   * @param versions what the registry lists for the model
   * @throws IllegalStateException when the model has not been observed or its workload is unknown
   */
  static PlanView of(ModelName model, ModelState s, List<ModelVersion> versions, PlanningInputs inputs) {
    if (!s.known() || s.latest() == null) {
      throw new IllegalStateException("model '" + model + "' is not known: it has never been observed");
    }
    if (s.workload() == null) {
      throw new IllegalStateException("model '" + model + "': what the cluster runs for it is not known yet");
    }
    String stable = s.workload().stableVersion();
    ModelVersion best = io.mlopsagent.actors.decide.Decider.betterThanServing(versions, stable, s.rejectedVersions())
        .orElse(null);
    String note = null;
    ModelVersion planned = best;
    if (planned == null) {
      planned = versions.stream().filter(v -> v.version().equals(stable)).findFirst()
          .orElse(new ModelVersion(model, stable, Double.NaN, Set.of()));
      note = "no registered version validates better than the serving " + stable
          + ": the plan a rollout of an artifact like the serving one would get now";
    }
    RolloutPlanning.Planned p = RolloutPlanning.plan(planned, false, s, s.latest().at(), inputs);
    return new PlanView(model.value(), stable, best == null ? null : best.version(), p.features(), p.plan(),
        s.deployments().pending(s.workload(), s.rejectedVersions()), note);
  }
}
