package io.mlopsagent.simulation.world;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.simulation.fleet.Effects;
import io.mlopsagent.simulation.scenario.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Something going wrong with one model for a while.
 *
 * @param versions the versions it hurts; empty means every version (an accuracy drop from data
 *     drift hurts the versions trained before it, not a candidate trained on fresh data)
 * @param magnitude the size, in the kind's unit (see {@link FaultKind})
 */
public record Fault(FaultKind kind, ModelName model, Instant onset, Duration duration, double magnitude,
    Set<String> versions) {

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(onset, "onset");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("fault duration must be positive, was " + duration);
    }
    versions = versions == null ? Set.of() : Set.copyOf(versions);
  }

  public boolean activeAt(Instant at) {
    return !at.isBefore(onset) && at.isBefore(end());
  }

  public Instant end() {
    return onset.plus(duration);
  }

  /** What this fault does to {@code version}'s metrics at {@code at}. */
  public Effects effectsOn(String version, Instant at) {
    if (!activeAt(at) || (!versions.isEmpty() && !versions.contains(version))) {
      return Effects.NONE;
    }
    return switch (kind) {
      case LATENCY_SPIKE -> new Effects(magnitude, 0, 0, 1, 1);
      case ERROR_SPIKE -> new Effects(1, magnitude, 0, 1, 1);
      case ACCURACY_DROP -> new Effects(1, 0, magnitude, 1, 1);
      case ACCURACY_DRIFT -> new Effects(1, 0,
          magnitude * Duration.between(onset, at).toMillis() / (double) duration.toMillis(), 1, 1);
      case TRAFFIC_SURGE -> new Effects(1, 0, 0, magnitude, 1);
      case CPU_SATURATION -> new Effects(1, 0, 0, 1, magnitude);
      // These act on the registry, the metrics pipeline or the cluster, not on what a version does.
      case BAD_CANDIDATE, METRICS_OUTAGE, KUBERNETES_API_ERRORS, REGISTRY_OUTAGE, AGENT_CRASH -> Effects.NONE;
    };
  }
}
