package io.mlopsagent.actors.analysis;

/** The verdict on one measurement, as Argo Rollouts gives it. */
public enum MeasurementPhase {
  SUCCESSFUL,
  FAILED,
  INCONCLUSIVE,
  /** No verdict: the value (or the stable value a relative condition needs) was missing. */
  ERROR
}
