package io.mlopsagent.simulation.score;

/** The adaptation types a report counts. */
public final class Adaptations {
  public static final String SCALE_OUT = "scale_out";
  public static final String SCALE_IN = "scale_in";
  public static final String ROLLOUT = "rollout";
  public static final String ROLLBACK = "rollback";
  public static final String RETRAINING = "retraining";

  private Adaptations() {}
}
