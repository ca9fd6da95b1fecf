package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one window that could not be judged, and why. A gap is never degradation: the
 * detectors of these metrics learned nothing and their breach streaks stayed where they were.
 */
public record DataGap(Instant at, Map<MetricKind, DataGap.Entry> byKind) implements CborSerializable {

  public enum Reason {
    /** The source produced no value (NaN), e.g. an absent series. */
    MISSING,
    /** Infinite, negative or outside the metric's range. */
    INVALID,
    /** The window is not later than the last one seen; the whole window was ignored. */
    OUT_OF_ORDER
  }

  /** Why one metric is in the gap, with the offending value as received. */
  public record Entry(Reason reason, double value) implements CborSerializable {
    public Entry {
      Objects.requireNonNull(reason, "reason");
    }
  }

  public DataGap {
    Objects.requireNonNull(at, "at");
    EnumMap<MetricKind, Entry> copy = new EnumMap<>(MetricKind.class);
    copy.putAll(byKind);
    byKind = Collections.unmodifiableMap(copy);
  }

  public static DataGap none(Instant at) {
    return new DataGap(at, Map.of());
  }

  public boolean hasGaps() {
    return !byKind.isEmpty();
  }
}
