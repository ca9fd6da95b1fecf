package io.mlopsagent.simulation.scenario;

import java.util.SplittableRandom;

/** A closed range a value is drawn from uniformly; {@code min == max} for a fixed value. */
public record Range(double min, double max) {
  public Range {
    if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("range [" + min + ", " + max + "] is invalid: expected finite min <= max");
    }
  }

  public static Range of(double value) {
    return new Range(value, value);
  }

  public double draw(SplittableRandom rnd) {
    return min == max ? min : min + rnd.nextDouble() * (max - min);
  }
}
