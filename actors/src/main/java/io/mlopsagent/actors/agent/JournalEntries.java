package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.Decisions.DecisionInfo;
import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.detect.DataGap;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.rollout.Rollout;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What a model's entity writes into its journal: decisions from plans, data gaps, action errors. */
final class JournalEntries {
  private JournalEntries() {}

  /**
   * An error for the log and the journal: one line, bounded, and without what URLs may carry in
   * user info or query strings (tokens, say).
   */
  static String redacted(Throwable error) {
    Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    String message = String.valueOf(e.getMessage());
    message = message.replaceAll("(https?://)[^/\\s@]*@", "$1***@").replaceAll("(https?://[^\\s?]*)\\?\\S*", "$1?***");
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  static Decision decisionOf(ModelName model, Plan plan, ModelState s, Instant at) {
    Policy p = s.policy();
    DecisionInfo info = new DecisionInfo(at, plan.reason(), plan.inputs(), p.name(), p.mode());
    if (plan instanceof Plan.Degradation d) {
      return new Decisions.DegradationDetected(info, d.signal());
    }
    if (plan instanceof Plan.StartRollout r) {
      Rollout rollout = Rollout.start(model + "-r" + (s.eventCount() + 1), s.workload().stableVersion(),
          r.candidate().version(), io.mlopsagent.actors.decide.PolicyTranslation.rolloutSpec(p), at).rollout();
      return new Decisions.RolloutStarted(info, rollout);
    }
    if (plan instanceof Plan.Scale sc) {
      return new Decisions.Scaled(info, sc.out(), s.workload().replicas(), sc.replicas(), s.workload().cpuCores(),
          sc.cpuCores());
    }
    if (plan instanceof Plan.RollBack rb) {
      return new Decisions.RolledBack(info, rb.fromVersion(), rb.toVersion());
    }
    if (plan instanceof Plan.Retrain) {
      return new Decisions.RetrainingRequested(info);
    }
    throw new IllegalArgumentException("no decision for plan " + plan);
  }

  static DataGap outOfOrder(MetricWindow w) {
    Map<MetricKind, DataGap.Entry> entries = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      entries.put(kind, new DataGap.Entry(DataGap.Reason.OUT_OF_ORDER, w.value(kind)));
    }
    return new DataGap(w.at(), entries);
  }
}
