package io.mlopsagent.simulation.fleet;

/** What the faults in force do to one version's metrics in one window. */
public record Effects(double latencyFactor, double errorRateAdd, double accuracyDrop, double trafficFactor) {
  public static final Effects NONE = new Effects(1, 0, 0, 1);

  public Effects and(Effects other) {
    return new Effects(latencyFactor * other.latencyFactor, errorRateAdd + other.errorRateAdd,
        accuracyDrop + other.accuracyDrop, trafficFactor * other.trafficFactor);
  }
}
