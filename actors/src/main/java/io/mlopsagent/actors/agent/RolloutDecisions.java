package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.Decisions.DecisionInfo;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.RolloutEvent;
import io.mlopsagent.actors.rollout.RolloutStatus;
import io.mlopsagent.actors.rollout.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's transition as decision events. A rollout only exists because a policy acted, so its
 * progress is always carried out, whatever the policy's mode is by now.
 */
final class RolloutDecisions {
  private RolloutDecisions() {}

  static List<Decision> of(Transition t, Policy policy) {
    Rollout r = t.rollout();
    String policyName = policy == null ? Policy.DEFAULT_NAME : policy.name();
    List<Decision> decisions = new ArrayList<>();
    for (RolloutEvent e : t.events()) {
      if (e instanceof RolloutEvent.StepPassed p) {
        int next = r.status() == RolloutStatus.PROGRESSING ? r.newVersionWeight() : 0;
        decisions.add(new Decisions.CanaryStepPassed(info(p.at(), p.reason(), inputs(p.step(), p.weight()), policyName),
            r.id(), p.step(), p.weight(), next));
      } else if (e instanceof RolloutEvent.Promoted p) {
        decisions.add(new Decisions.RolloutPromoted(info(p.at(), r.reason(), inputs(r.step(), 100), policyName),
            r.id(), p.version(), r.fromVersion()));
      } else if (e instanceof RolloutEvent.Aborted a) {
        decisions.add(new Decisions.RolloutAborted(info(a.at(), a.reason() + " (" + a.phase() + ")",
            inputs(a.step(), 0), policyName), r.id(), r.toVersion(), r.fromVersion()));
      } else if (e instanceof RolloutEvent.PausedInconclusive p) {
        decisions.add(new Decisions.PausedInconclusive(info(p.at(), p.reason(), inputs(p.step(), r.newVersionWeight()),
            policyName), r.id(), p.step()));
      }
    }
    return decisions;
  }

  private static DecisionInfo info(java.time.Instant at, String reason, Map<String, Double> inputs, String policy) {
    return new DecisionInfo(at, reason, inputs, policy, PolicyMode.ACT);
  }

  private static Map<String, Double> inputs(int step, int weight) {
    Map<String, Double> inputs = new LinkedHashMap<>();
    inputs.put("step", (double) step);
    inputs.put("weight", (double) weight);
    return inputs;
  }
}
