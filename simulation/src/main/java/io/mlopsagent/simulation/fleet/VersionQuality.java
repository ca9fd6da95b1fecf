package io.mlopsagent.simulation.fleet;

/**
 * The true quality of one version of a model: what it really does in production, which the
 * registry's validation accuracy may or may not predict.
 *
 * @param latencyFactor p95 latency relative to the model's base latency
 * @param errorRateAtFullTraffic error rate once the version takes all traffic (a bug that only
 *     shows under full load); equal to {@code errorRate} for a sound version
 */
public record VersionQuality(double accuracy, double latencyFactor, double errorRate, double errorRateAtFullTraffic) {

  public static VersionQuality of(ModelProfile p) {
    return new VersionQuality(p.baseAccuracy(), 1.0, p.baseErrorRate(), p.baseErrorRate());
  }

  /** The error rate while serving {@code weightPercent} of the traffic. */
  public double errorRate(int weightPercent) {
    return weightPercent >= 100 ? errorRateAtFullTraffic : errorRate;
  }

  public VersionQuality withErrorRate(double rate) {
    return new VersionQuality(accuracy, latencyFactor, rate, errorRateAtFullTraffic);
  }
}
