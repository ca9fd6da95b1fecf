package io.mlopsagent.actors.analysis;

import java.util.Locale;

/**
 * The phase of one metric's run or of a whole analysis run. The rank is Argo Rollouts' precedence,
 * best to worst (Successful, Running, Inconclusive, Error, Failed): the run takes the worst phase of
 * its metrics, so a single Failed metric outweighs any number of Errors.
 */
public enum AnalysisPhase {
  RUNNING(1),
  SUCCESSFUL(0),
  FAILED(4),
  INCONCLUSIVE(2),
  ERROR(3);

  private final int rank;

  AnalysisPhase(int rank) {
    this.rank = rank;
  }

  /** True once the phase can no longer change. */
  public boolean completed() {
    return this != RUNNING;
  }

  public boolean isWorseThan(AnalysisPhase other) {
    return rank > other.rank;
  }

  /** Argo's spelling, for reasons an operator compares with Argo's own messages. */
  String label() {
    String name = name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }
}
