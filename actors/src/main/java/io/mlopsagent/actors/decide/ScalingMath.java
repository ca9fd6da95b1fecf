package io.mlopsagent.actors.decide;

import io.mlopsagent.actors.policy.ScalingPolicy;
import io.mlopsagent.actors.policy.ScalingResource;
import io.mlopsagent.actors.ports.Workload;

/**
 * How far to scale, within the policy's bounds. Scaling in checks that the remaining capacity
 * would still run below the saturation line, so the agent does not scale in only to scale out again.
 */
final class ScalingMath {
  /** Scale in only if the predicted utilisation stays below this share of the saturation line. */
  private static final double HEADROOM = 0.75;

  private ScalingMath() {}

  /**
   * Replicas and CPU after scaling out, or {@code null} when the policy's maximum is reached. Never
   * less than now: a model already above a (lowered) maximum keeps what it has.
   */
  static double[] out(Workload w, ScalingPolicy s) {
    return out(w, s, Double.NaN, Double.NaN);
  }

  /**
   * As {@link #out(Workload, ScalingPolicy)}, but at least in proportion to the load, as the
   * Kubernetes HPA sizes: enough to bring {@code utilisation} back to the headroom line under
   * {@code cpuHigh}. A surge to six times the traffic gets its capacity in one step, not in five
   * steps a cooldown apart while users wait.
   */
  static double[] out(Workload w, ScalingPolicy s, double utilisation, double cpuHigh) {
    double proportional = utilisation / (cpuHigh * HEADROOM);
    double factor = Double.isFinite(proportional) ? Math.max(s.factor(), proportional) : s.factor();
    int replicas = w.replicas();
    double cpu = w.cpuCores();
    if (s.resource() != ScalingResource.CPU) {
      replicas = Math.max(w.replicas(), (int) Math.min(s.maxReplicas(), Math.ceil(w.replicas() * factor - 1e-9)));
    }
    if (s.resource() == ScalingResource.CPU || (s.resource() == ScalingResource.BOTH && replicas == w.replicas())) {
      cpu = Math.max(w.cpuCores(), Math.min(s.maxCpu(), round(w.cpuCores() * factor)));
    }
    return replicas == w.replicas() && cpu == w.cpuCores() ? null : new double[] {replicas, cpu};
  }

  /**
   * Replicas and CPU after scaling in, or {@code null} when at the minimum or when the rest would
   * run too hot.
   */
  static double[] in(Workload w, ScalingPolicy s, double utilisation, double cpuHigh) {
    double limit = cpuHigh * HEADROOM;
    if (s.resource() != ScalingResource.CPU) {
      int replicas = Math.max(s.minReplicas(), (int) Math.floor(w.replicas() / s.factor()));
      // Step back towards the current count until the rest keeps its headroom.
      while (replicas < w.replicas() && utilisation * w.replicas() / replicas > limit) {
        replicas++;
      }
      if (replicas < w.replicas()) {
        return new double[] {replicas, w.cpuCores()};
      }
    }
    if (s.resource() != ScalingResource.REPLICAS) {
      double cpu = Math.max(s.minCpu(), round(w.cpuCores() / s.factor()));
      if (cpu < w.cpuCores() && utilisation * w.cpuCores() / cpu <= limit) {
        return new double[] {w.replicas(), cpu};
      }
    }
    return null;
  }

  private static double round(double cores) {
    return Math.round(cores * 1000) / 1000.0;
  }
}
