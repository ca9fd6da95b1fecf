package io.mlopsagent.simulation.report;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a KPI reads to a person: a short header that fits a terminal column, a longer title that
 * says what it counts, and numbers at a precision chosen per column so that one column's values
 * line up. The terminal table and the HTML page share it, so both say the same thing.
 */
final class KpiText {
  private record Names(String header, String title) {}

  private static final Map<String, Names> NAMES = Map.ofEntries(
      Map.entry(Kpi.SLO_VIOLATION_MINUTES, new Names("SLO min", "SLO-violation model-minutes")),
      Map.entry(Kpi.DETECTION_DELAY_P50, new Names("detect p50", "detection delay p50 (windows)")),
      Map.entry(Kpi.DETECTION_DELAY_P95, new Names("detect p95", "detection delay p95 (windows)")),
      Map.entry(Kpi.FALSE_ADAPTATIONS, new Names("false/1k h", "false adaptations per 1,000 model-hours")),
      Map.entry(Kpi.DEPLOY_MINUTES_MEAN, new Names("deploy mean", "minutes to deploy, mean")),
      Map.entry(Kpi.DEPLOY_MINUTES_P95, new Names("deploy p95", "minutes to deploy, p95")),
      Map.entry(Kpi.FAILED_ROLLOUTS, new Names("failed", "failed rollouts")),
      Map.entry(Kpi.OVERPROVISIONED_CPU, new Names("idle CPU h", "over-provisioned CPU core-hours")),
      Map.entry(Kpi.MANUAL_INTERVENTIONS, new Names("manual", "manual interventions")),
      Map.entry(Kpi.ROLLOUTS, new Names("rollouts", "rollouts")),
      Map.entry(Kpi.ADAPTATIONS, new Names("adaptations", "adaptations")),
      Map.entry(Kpi.FAULTS_DETECTED, new Names("detected", "faults detected")),
      Map.entry(Kpi.LEARNED_PLANS, new Names("learned", "rollouts planned by the learner")),
      Map.entry(Kpi.ROLLOUTS_LATER, new Names("rollouts", "rollouts started after the fleet's " + Kpi.LEARNED_FROM
          + "th outcome")),
      Map.entry(Kpi.DEPLOY_MINUTES_MEAN_LATER, new Names("deploy mean", "minutes to deploy, mean, of those rollouts")),
      Map.entry(Kpi.FAILED_SHARE_LATER, new Names("failed share", "share of those rollouts that failed")),
      Map.entry(Kpi.EVENTS_LOST, new Names("lost", "events lost")),
      Map.entry(Kpi.DUPLICATE_ACTIONS, new Names("dup actions", "duplicate actions")),
      Map.entry(Kpi.DATA_GAP_ADAPTATIONS, new Names("gap adapt", "adaptations caused by missing data")),
      Map.entry(Kpi.AGENT_CRASHES, new Names("crashes", "agent crashes")),
      Map.entry(Kpi.ROLLOUTS_AT_CRASH, new Names("mid-rollout", "rollouts in flight at the crashes")));

  private KpiText() {}

  /** A header of at most a dozen characters; an unknown KPI keeps its own name. */
  static String header(String kpi) {
    Names n = NAMES.get(kpi);
    return n == null ? kpi : n.header();
  }

  /** What the KPI counts, in words. */
  static String title(String kpi) {
    Names n = NAMES.get(kpi);
    return n == null ? kpi.replace('_', ' ') : n.title();
  }

  /**
   * Decimals for a column of values: none when they are all whole (counts), fewer as they grow,
   * so a column shows about three significant digits of its largest value.
   */
  static int decimals(Collection<Double> values) {
    double max = 0;
    boolean whole = true;
    for (Double v : values) {
      if (v != null) {
        max = Math.max(max, Math.abs(v));
        whole &= v == Math.rint(v);
      }
    }
    if (whole || max >= 1000) {
      return 0;
    }
    return max >= 10 ? 1 : 2;
  }

  /** A value at the given decimals, with thousands grouped; a missing value is a dash. */
  static String number(Double value, int decimals) {
    if (value == null) {
      return "—";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** The values of one KPI over the runs, in run order; null where a run lacks it. */
  static List<Double> column(List<PolicyRun> runs, String kpi) {
    return runs.stream().map(r -> r.kpis().get(kpi)).toList();
  }

  /**
   * The agent's value as a multiple of another policy's, e.g. {@code 0.21×}. When the other is
   * zero there is no multiple: equal zeros read {@code =}, anything else a dash.
   */
  static String ratio(Double agent, Double other) {
    if (agent == null || other == null) {
      return "—";
    }
    if (other == 0) {
      return agent == 0 ? "=" : "—";
    }
    double r = agent / other;
    return String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r);
  }
}
