package io.mlopsagent.simulation.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * Something that goes wrong during the run, for the models of {@code target}.
 *
 * @param onset time from the scenario's start
 * @param magnitude the size, in the kind's unit (see {@link FaultKind})
 */
public record FaultSpec(FaultKind kind, Target target, Duration onset, Duration duration, double magnitude) {
  public FaultSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }
}
