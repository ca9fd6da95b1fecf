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
 * @param releases how many releases of it appear, one every {@code every}: release {@code i}
 *     (from 1) is named {@code version-i} and its deltas are {@code i} times the ones given, so each
 *     validates better than the one before (1: a single version named {@code version})
 * @param spread each model gets each release at its own moment, up to this much later (seeded)
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
    Set<String> tags,
    int releases,
    Duration every,
    Duration spread) {

  /** A single version, appearing for every targeted model at the same moment. */
  public CandidateSpec(String version, Target target, Duration appearsAfter, double validationAccuracyDelta,
      double accuracyDelta, double latencyFactor, double errorRate, double errorRateAtFullTraffic, Set<String> tags) {
    this(version, target, appearsAfter, validationAccuracyDelta, accuracyDelta, latencyFactor, errorRate,
        errorRateAtFullTraffic, tags, 1, Duration.ZERO, Duration.ZERO);
  }

  public CandidateSpec {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(target, "target");
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    every = every == null ? Duration.ZERO : every;
    spread = spread == null ? Duration.ZERO : spread;
    if (releases < 1) {
      throw new IllegalArgumentException("releases was " + releases + ", allowed is 1 or more");
    }
  }

  /** The name of release {@code i} (from 1). */
  public String versionOf(int release) {
    return releases == 1 ? version : version + "-" + release;
  }
}
