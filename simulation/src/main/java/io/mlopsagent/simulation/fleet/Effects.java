package io.mlopsagent.simulation.fleet;

/**
 * What the faults in force do to one version's metrics in one window.
 *
 * @param cpuFactor CPU per request relative to normal (utilisation, and with it latency, follows)
 */
public record Effects(double latencyFactor, double errorRateAdd, double accuracyDrop, double trafficFactor,
    double cpuFactor) {
  public static final Effects NONE = new Effects(1, 0, 0, 1, 1);

  public Effects and(Effects other) {
    return new Effects(latencyFactor * other.latencyFactor, errorRateAdd + other.errorRateAdd,
        accuracyDrop + other.accuracyDrop, trafficFactor * other.trafficFactor, cpuFactor * other.cpuFactor);
  }
}
