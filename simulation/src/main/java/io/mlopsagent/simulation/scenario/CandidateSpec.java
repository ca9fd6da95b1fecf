package io.mlopsagent.simulation.scenario;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A version that appears in the registry of some models during the run.
 *
 * @param appearsAfter time from the scenario's start until it is registered
 * @param validationAccuracyDelta what the registry says: validation accuracy relative to the
 *     model's first version
 * @param accuracyDelta what is true in production, relative to the first version
 * @param latencyFactor its p95 latency relative to the first version
 * @param errorRate its error rate serving part of the traffic (NaN: the model's own)
 * @param errorRateAtFullTraffic its error rate serving all the traffic (NaN: as {@code errorRate})
 */
public record CandidateSpec(
    String version,
    Target target,
    Duration appearsAfter,
    double validationAccuracyDelta,
    double accuracyDelta,
    double latencyFactor,
    double errorRate,
    double errorRateAtFullTraffic,
    Set<String> tags) {

  public CandidateSpec {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(target, "target");
    tags = tags == null ? Set.of() : Set.copyOf(tags);
  }
}
