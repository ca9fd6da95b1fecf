package io.mlopsagent.simulation.scenario;

import java.util.Objects;

/**
 * Models alike: each draws its own values from the group's ranges. Models are named
 * {@code <name>-001}, {@code <name>-002}, ... in group order.
 *
 * @param sizeMb size of the model artifact in MB (deployments of big models take longer)
 * @param complexity a score from 0.1 to 10 (compute per request; deployments take longer)
 * @param accuracy, latencyP95Seconds, errorRate the healthy first version's true values
 */
public record ModelGroup(
    String name,
    int count,
    Range sizeMb,
    Range complexity,
    Traffic traffic,
    Range accuracy,
    Range latencyP95Seconds,
    Range errorRate,
    Resources resources) {

  public ModelGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(resources, "resources");
    if (count < 1) {
      throw new IllegalArgumentException("group " + name + " needs at least 1 model, got " + count);
    }
  }

  /**
   * How much traffic a model gets and when: a daily wave from {@code troughShare} of the peak (at
   * 04:00 local) to the peak (at 16:00), times {@code weekendFactor} on Saturdays and Sundays, with
   * relative per-window noise.
   *
   * @param timezoneSpread whether models serve users in different time zones (their days are shifted)
   */
  public record Traffic(Range peakRps, double troughShare, double weekendFactor, Range noise, boolean timezoneSpread) {}

  /**
   * What serves a model at the start.
   *
   * @param cpuCores CPU request of one replica
   * @param peakUtilisation CPU utilisation at the daily peak on these resources: 0.55-0.70 is
   *     sized well, below 0.2 wastes most of it, above 0.8 is saturated every afternoon
   */
  public record Resources(int minReplicas, int maxReplicas, double cpuCores, Range peakUtilisation) {}
}
