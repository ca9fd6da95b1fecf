package io.mlopsagent.agent.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.actors.rollout.Rollout;
import java.util.Locale;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricSummary;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the admin API. Separate from the entity's state so the journal format and the
 * API can evolve apart. Missing or non-finite numbers are {@code null}: JSON has no NaN.
 */
public final class JsonViews {
  private JsonViews() {}

  record Window(
      Instant at, Double accuracy, Double latencyP95Seconds, Double errorRate, Double throughputRps,
      Double cpuUtilization) {

    static Window of(MetricWindow w) {
      return w == null ? null : new Window(w.at(), finite(w.accuracy()), finite(w.latencyP95Seconds()),
          finite(w.errorRate()), finite(w.throughputRps()), finite(w.cpuUtilization()));
    }
  }

  record Summary(long observed, long missing, int windows, Double mean, Double min, Double max, Double stdDev) {
    static Summary of(MetricSummary s) {
      return new Summary(s.observed(), s.missing(), s.recent().length, finite(s.mean()), finite(s.min()),
          finite(s.max()), finite(s.stdDev()));
    }
  }

  /**
   * @param state where the model stands ({@link ModelCondition})
   * @param limitation what the agent cannot do here (observe only, say), null when it can act
   */
  record ModelStatus(
      String name, String state, boolean paused, String pausedBy, String pausedReason,
      long eventCount, Instant firstObservedAt, Window latest, Map<String, Summary> summaries,
      PolicyView policy, WorkloadView workload, RolloutView rollout, Map<String, Integer> signals,
      Map<String, Double> surprise, GapsView dataGaps, String limitation) {

    static ModelStatus of(ModelAgent.Status s, io.mlopsagent.actors.control.OperatorSwitches.Pause pause,
        String limitation) {
      Map<String, Summary> summaries = new LinkedHashMap<>();
      for (MetricKind kind : MetricKind.values()) {
        summaries.put(kind.field(), Summary.of(s.summaries().of(kind)));
      }
      ModelState st = s.state();
      Map<String, Integer> signals = new LinkedHashMap<>();
      st.baselines().breachStreaks().forEach((signal, n) -> signals.put(signal.name().toLowerCase(Locale.ROOT), n));
      // How unusual each metric's last value was for this model (0 usual, 1 unlike anything before).
      Map<String, Double> surprise = new LinkedHashMap<>();
      for (MetricKind kind : MetricKind.values()) {
        surprise.put(kind.field(), st.baselines().surprise(kind));
      }
      return new ModelStatus(s.name(), ModelCondition.of(st, pause), pause != null,
          pause == null ? null : pause.by(), pause == null ? null : pause.reason(),
          s.eventCount(), s.firstObservedAt(), Window.of(s.latest()), summaries,
          st.policy() == null ? null : new PolicyView(st.policy().name(), st.policy().mode().word()),
          WorkloadView.of(st.workload()), RolloutView.of(st.rollout()), signals, surprise, GapsView.of(st),
          limitation);
    }
  }

  record PolicyView(String name, String mode) {}

  record WorkloadView(String stableVersion, String candidateVersion, int candidateWeight, int replicas, double cpuCores) {
    static WorkloadView of(Workload w) {
      return w == null ? null : new WorkloadView(w.stableVersion(), w.candidateVersion(), w.candidateWeight(),
          w.replicas(), w.cpuCores());
    }
  }

  record RolloutView(String id, String fromVersion, String toVersion, String strategy, String status, int step,
      int weight, Instant startedAt, Instant endedAt, String reason) {
    static RolloutView of(Rollout r) {
      return r == null ? null : new RolloutView(r.id(), r.fromVersion(), r.toVersion(),
          r.spec().strategy().name().toLowerCase(Locale.ROOT), r.status().name().toLowerCase(Locale.ROOT), r.step(),
          r.newVersionWeight(), r.startedAt(), r.endedAt(), r.reason());
    }
  }

  /** Windows with missing, invalid or out-of-order data, and what the newest gap was. */
  record GapsView(long windows, Instant lastAt, Map<String, String> last) {
    static GapsView of(ModelState st) {
      Map<String, String> last = new LinkedHashMap<>();
      if (st.lastGap() != null) {
        st.lastGap().byKind().forEach((kind, e) -> last.put(kind.field(), e.reason().name().toLowerCase(Locale.ROOT)));
      }
      return new GapsView(st.gapWindows(), st.lastGap() == null ? null : st.lastGap().at(), last);
    }
  }

  /**
   * One decision of the journal; {@code replay.json} shows decisions alike. The versions, strategy,
   * signal and rollout it concerns are given where its type has them (absent otherwise), so a
   * reader need not parse the reason.
   */
  public record DecisionItem(Instant at, String model, String type, String reason, Map<String, Double> inputs,
      String policy, String mode, boolean actuated,
      @JsonInclude(JsonInclude.Include.NON_NULL) String rolloutId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String fromVersion,
      @JsonInclude(JsonInclude.Include.NON_NULL) String toVersion,
      @JsonInclude(JsonInclude.Include.NON_NULL) String strategy,
      @JsonInclude(JsonInclude.Include.NON_NULL) String signal) {
    public static DecisionItem of(String model, Decisions.Decision d) {
      Map<String, Double> inputs = new LinkedHashMap<>();
      d.info().inputs().forEach((k, v) -> inputs.put(k, finite(v)));
      String rollout = null;
      String from = null;
      String to = null;
      String strategy = null;
      String signal = null;
      if (d instanceof Decisions.RolloutStarted e) {
        rollout = e.rollout().id();
        from = e.rollout().fromVersion();
        to = e.rollout().toVersion();
        strategy = e.rollout().spec().strategy().name().toLowerCase(Locale.ROOT).replace('_', '-');
      } else if (d instanceof Decisions.RolloutScheduled e) {
        to = e.candidate().version();
      } else if (d instanceof Decisions.CanaryStepPassed e) {
        rollout = e.rolloutId();
      } else if (d instanceof Decisions.RolloutPromoted e) {
        rollout = e.rolloutId();
        from = e.previousVersion();
        to = e.version();
      } else if (d instanceof Decisions.RolloutAborted e) {
        rollout = e.rolloutId();
        from = e.stableVersion();
        to = e.version();
      } else if (d instanceof Decisions.PausedInconclusive e) {
        rollout = e.rolloutId();
      } else if (d instanceof Decisions.RolledBack e) {
        from = e.fromVersion();
        to = e.toVersion();
      } else if (d instanceof Decisions.DegradationDetected e) {
        signal = e.signal().name().toLowerCase(Locale.ROOT);
      }
      return new DecisionItem(d.info().at(), model, d.type(), d.info().reason(), inputs, d.info().policy(),
          d.info().mode() == null ? null : d.info().mode().word(), d.info().actuated(), rollout, from, to, strategy,
          signal);
    }
  }

  record DecisionPage(int total, int offset, int limit, List<DecisionItem> items) {}

  record ModelItem(String name, String state, String policy, boolean paused, boolean degraded, boolean inRollout,
      long eventCount, Window latest) {
    static ModelItem of(ModelAgent.Status s, io.mlopsagent.actors.control.OperatorSwitches.Pause pause) {
      ModelState st = s.state();
      return new ModelItem(s.name(), ModelCondition.of(st, pause), st.policy() == null ? null : st.policy().name(),
          pause != null, ModelCondition.degraded(st), st.rolloutInProgress(), s.eventCount(), Window.of(s.latest()));
    }
  }

  record ModelPage(int total, int offset, int limit, List<ModelItem> items) {}

  record Health(String status) {}

  /**
   * @param lastPollError why the newest poll failed (the models got no data), or null
   * @param journalError why the journal's database did not answer when last asked (nothing can
   *     be recorded or decided meanwhile), or null
   */
  record Readiness(String status, String reason, int models, Instant observedUpTo, String lastPollError,
      String journalError, String limitation) {}

  record Problem(int status, String error) {}

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
