package io.mlopsagent.simulation.scenario;

/** The kinds of trouble a scenario can stage, with what {@code magnitude} means for each. */
public enum FaultKind {
  /** p95 latency multiplied by magnitude (above 1). */
  LATENCY_SPIKE("latency-spike"),
  /** error rate raised by magnitude (absolute, 0..1). */
  ERROR_SPIKE("error-spike"),
  /** accuracy lowered linearly from 0 at onset to magnitude at the end (absolute, 0..1). */
  ACCURACY_DRIFT("accuracy-drift"),
  /** accuracy lowered by magnitude at once (absolute, 0..1). */
  ACCURACY_DROP("accuracy-drop"),
  /** CPU per request multiplied by magnitude (above 1): a noisy neighbour or a costly input mix. */
  CPU_SATURATION("cpu-saturation"),
  /** traffic multiplied by magnitude (above 1). */
  TRAFFIC_SURGE("traffic-surge"),
  /**
   * a version appears in the registry that validates better than the one serving (by 0.03) but is
   * worse in production by magnitude (accuracy, absolute, 0..1); the fault's duration is unused.
   */
  BAD_CANDIDATE("bad-candidate"),
  /** no metrics at all for the models; magnitude unused. */
  METRICS_OUTAGE("metrics-outage"),
  /** this fraction (0..1) of the cluster calls for the models fail. */
  KUBERNETES_API_ERRORS("kubernetes-api-errors"),
  /** the model registry does not answer for the models (their versions, a promotion); magnitude unused. */
  REGISTRY_OUTAGE("registry-outage"),
  /**
   * the agent's process stops at onset and starts again on its journal, its rollouts in flight; no
   * target (the whole agent), duration or magnitude. A policy run in a plain loop has nothing to lose.
   */
  AGENT_CRASH("agent-crash");

  private final String word;

  FaultKind(String word) {
    this.word = word;
  }

  /** The kind's name in scenario files and reports, e.g. {@code latency-spike}. */
  public String word() {
    return word;
  }
}
