package io.mlopsagent.simulation.fleet;

import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;

/**
 * The ground truth of one simulated model: how good and fast it is when healthy, how much traffic
 * it gets and when, and how much capacity serves it.
 *
 * @param peakRps requests per second at the daily peak
 * @param dailyPhase shift of the daily traffic curve (models serve users in different time zones)
 * @param replicas serving replicas at the start
 * @param cpuCores CPU request of one replica at the start
 * @param rpsPerReplica requests per second one replica of {@code cpuCores} serves at 100 % of its request
 * @param noise relative spread of the per-window noise
 * @param sizeMb size of the model's artifact (big models deploy slowly)
 * @param complexity compute per request, 0.1 to 10 (complex models deploy slowly)
 * @param troughShare traffic at the daily trough as a share of the peak
 * @param weekendFactor traffic at weekends relative to weekdays
 */
public record ModelProfile(
    ModelName name,
    double baseAccuracy,
    double baseLatencySeconds,
    double baseErrorRate,
    double peakRps,
    Duration dailyPhase,
    int replicas,
    double cpuCores,
    double rpsPerReplica,
    double noise,
    double sizeMb,
    double complexity,
    double troughShare,
    double weekendFactor) {

  /** Requests per second the model can serve with {@code replicas} of {@code cores} each. */
  public double capacityRps(int replicas, double cores) {
    return replicas * rpsPerReplica * (cores / cpuCores);
  }

  /** Requests per second one core serves at 100 % utilisation. */
  public double rpsPerCore() {
    return rpsPerReplica / cpuCores;
  }
}
