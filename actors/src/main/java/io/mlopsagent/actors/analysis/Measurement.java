package io.mlopsagent.actors.analysis;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of one analysis metric: the canary's value, the stable version's value ({@code
 * NaN} when absent or not needed), the verdict and why.
 */
public record Measurement(Instant at, MeasurementPhase phase, double value, double stableValue, String message)
    implements CborSerializable {

  public Measurement {
    Objects.requireNonNull(at, "measurement time 'at'");
    Objects.requireNonNull(phase, "measurement phase");
    Objects.requireNonNull(message, "measurement message");
  }

  // Records compare doubles by bits, so a NaN value equals itself after a round trip.
}
