package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.control.AuditEntry;
import io.mlopsagent.actors.control.OperatorSwitches;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.detect.DetectorParams;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.policy.DetectionPolicy;
import io.mlopsagent.actors.rollout.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the fleet view, the operators' actions, a model's history and the audit trail. */
final class OperatorViews {
  private OperatorViews() {}

  record RolloutInFlight(String model, String rolloutId, String fromVersion, String toVersion, String strategy,
      String status, int step, int weight, Instant startedAt) {
    static RolloutInFlight of(String model, Rollout r) {
      return new RolloutInFlight(model, r.id(), r.fromVersion(), r.toVersion(),
          r.spec().strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          r.status().name().toLowerCase(Locale.ROOT), r.step(), r.newVersionWeight(), r.startedAt());
    }
  }

  record FleetView(boolean paused, String pausedBy, String pausedReason, Instant pausedAt, int models,
      Map<String, Integer> byState, List<RolloutInFlight> rolloutsInFlight) {
    static FleetView of(OperatorSwitches switches, List<ModelAgent.Status> statuses) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      ModelCondition.STATES.forEach(s -> counts.put(s, 0));
      List<RolloutInFlight> rollouts = new ArrayList<>();
      for (ModelAgent.Status s : statuses) {
        if (!s.known()) {
          continue;
        }
        OperatorSwitches.Pause pause = switches.pauseOf(io.mlopsagent.actors.model.ModelName.of(s.name()));
        counts.merge(ModelCondition.of(s.state(), pause), 1, Integer::sum);
        if (s.state().rolloutInProgress()) {
          rollouts.add(RolloutInFlight.of(s.name(), s.state().rollout()));
        }
      }
      OperatorSwitches.Pause fleet = switches.fleet();
      return new FleetView(fleet != null, fleet == null ? null : fleet.by(), fleet == null ? null : fleet.reason(),
          fleet == null ? null : fleet.at(), statuses.size(), counts, rollouts);
    }
  }

  record PauseView(String model, boolean paused, String by, String reason, Instant at) {}

  record RolloutAnswer(String model, String rollout) {}

  record RollbackView(String model, String fromVersion, String toVersion) {}

  record AuditItem(Instant at, String who, String action, String target, String reason, String outcome) {
    static AuditItem of(AuditEntry e) {
      return new AuditItem(e.at(), e.who(), e.action(), e.target(), e.reason(), e.outcome());
    }
  }

  record AuditPage(int total, int offset, int limit, List<AuditItem> items) {}

  record ReloadView(int policies, Instant reloadedAt) {}

  record PolicyProblemView(String path, String value, String message) {
    /** One problem line, {@code policies.<path> = <value>: <what is allowed>}, split for machines. */
    static PolicyProblemView of(String line) {
      int eq = line.indexOf(" = ");
      int colon = eq < 0 ? -1 : line.indexOf(": ", eq + 3);
      if (eq < 0 || colon < 0) {
        return new PolicyProblemView(null, null, line);
      }
      return new PolicyProblemView(line.substring(0, eq), line.substring(eq + 3, colon), line);
    }
  }

  record ProblemWithDetails(int status, String error, List<PolicyProblemView> problems) {}

  /**
   * A model's recent windows with the baseline each value was judged against (as the detectors
   * know it now: level and daily profile) and the rule limits that make a signal breach.
   */
  record HistoryView(String model, List<JsonViews.Window> windows, Map<String, List<Double>> baseline,
      Map<String, Map<String, Double>> thresholds) {
    static HistoryView of(String model, ModelState st, List<MetricWindow> windows) {
      List<JsonViews.Window> shown = windows.stream().map(JsonViews.Window::of).toList();
      Map<String, List<Double>> baseline = new LinkedHashMap<>();
      Map<String, Map<String, Double>> limits = new LinkedHashMap<>();
      if (st.policy() == null) {
        return new HistoryView(model, shown, baseline, limits);
      }
      DetectorParams params = PolicyTranslation.detectorParams(st.policy());
      for (MetricKind kind : MetricKind.values()) {
        List<Double> expected = new ArrayList<>();
        for (MetricWindow w : windows) {
          expected.add(finite(st.baselines().of(kind).expected(w.at(), params)));
        }
        baseline.put(kind.field(), expected);
      }
      Instant now = st.latest() == null ? Instant.EPOCH : st.latest().at();
      DetectionPolicy.Thresholds t = st.policy().detection().thresholds();
      limits.put(MetricKind.ACCURACY.field(), limit("below",
          st.baselines().of(MetricKind.ACCURACY).expected(now, params) - t.accuracyDrop()));
      limits.put(MetricKind.LATENCY_P95_SECONDS.field(), limit("above",
          st.baselines().of(MetricKind.LATENCY_P95_SECONDS).expected(now, params) * t.latencyFactor()));
      limits.put(MetricKind.ERROR_RATE.field(), limit("above",
          st.baselines().of(MetricKind.ERROR_RATE).expected(now, params) + t.errorRateRise()));
      Map<String, Double> cpu = new LinkedHashMap<>();
      cpu.put("above", t.cpuHigh());
      cpu.put("below", t.cpuLow());
      limits.put(MetricKind.CPU_UTILIZATION.field(), cpu);
      return new HistoryView(model, shown, baseline, limits);
    }

    private static Map<String, Double> limit(String side, double value) {
      Map<String, Double> m = new LinkedHashMap<>();
      if (Double.isFinite(value)) {
        m.put(side, value);
      }
      return m;
    }
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
