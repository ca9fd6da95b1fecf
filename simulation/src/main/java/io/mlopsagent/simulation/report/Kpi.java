package io.mlopsagent.simulation.report;

import java.util.List;

/** The KPI names of a report, in the order tables show them. */
public final class Kpi {
  public static final String SLO_VIOLATION_MINUTES = "slo_violation_minutes";
  public static final String DETECTION_DELAY_P50 = "detection_delay_p50_windows";
  public static final String DETECTION_DELAY_P95 = "detection_delay_p95_windows";
  public static final String FALSE_ADAPTATIONS = "false_adaptations_per_1000_model_hours";
  public static final String DEPLOY_MINUTES_MEAN = "deploy_minutes_mean";
  public static final String DEPLOY_MINUTES_P95 = "deploy_minutes_p95";
  public static final String FAILED_ROLLOUTS = "failed_rollouts";
  public static final String OVERPROVISIONED_CPU = "overprovisioned_cpu_core_hours";
  public static final String MANUAL_INTERVENTIONS = "manual_interventions";
  // Context for the figures above.
  public static final String ROLLOUTS = "rollouts";
  public static final String ADAPTATIONS = "adaptations";
  public static final String FAULTS_DETECTED = "faults_detected";
  /** Rollouts whose plan (strategy, start, CPU) came from the learned model rather than the rules. */
  public static final String LEARNED_PLANS = "rollouts_planned_by_learner";
  /**
   * Outcomes the fleet had finished before the rollouts the next three count: what learning from
   * them did shows in the rollouts that came after.
   */
  public static final int LEARNED_FROM = 200;
  public static final String ROLLOUTS_LATER = "rollouts_after_" + LEARNED_FROM + "_outcomes";
  public static final String DEPLOY_MINUTES_MEAN_LATER = "deploy_minutes_mean_after_" + LEARNED_FROM + "_outcomes";
  public static final String FAILED_SHARE_LATER = "failed_rollout_share_after_" + LEARNED_FROM + "_outcomes";
  /** Journal events written before an agent crash that the restarted agent did not recover. */
  public static final String EVENTS_LOST = "events_lost";
  /** Changes the cluster applied under a new action id that had the effect of the change before: an action done twice. */
  public static final String DUPLICATE_ACTIONS = "duplicate_actions";
  /** Unjustified adaptations on a model during a metrics outage on it or within an hour after: missing data taken for trouble. */
  public static final String DATA_GAP_ADAPTATIONS = "adaptations_after_data_gaps";
  /** Agent crashes (restarts on its journal) in the run, and the rollouts in flight at them. */
  public static final String AGENT_CRASHES = "agent_crashes";
  public static final String ROLLOUTS_AT_CRASH = "rollouts_in_flight_at_crashes";

  /** What infrastructure faults cost, shown where a run measured it: all should be 0 but the last two. */
  public static final List<String> RELIABILITY = List.of(DUPLICATE_ACTIONS, DATA_GAP_ADAPTATIONS, EVENTS_LOST,
      AGENT_CRASHES, ROLLOUTS_AT_CRASH);

  /** How the rollouts went once the fleet had outcomes to learn from, shown where a run had that many. */
  public static final List<String> LEARNING = List.of(LEARNED_PLANS, ROLLOUTS_LATER, DEPLOY_MINUTES_MEAN_LATER,
      FAILED_SHARE_LATER);

  /** Lower is better for every one of them. */
  public static final List<String> HEADLINE = List.of(SLO_VIOLATION_MINUTES, DETECTION_DELAY_P50, DETECTION_DELAY_P95,
      FALSE_ADAPTATIONS, DEPLOY_MINUTES_MEAN, DEPLOY_MINUTES_P95, FAILED_ROLLOUTS, OVERPROVISIONED_CPU,
      MANUAL_INTERVENTIONS);

  private Kpi() {}
}
