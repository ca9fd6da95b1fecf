package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * All detector state of one model: a baseline per metric, the time of the last window and how many
 * windows in a row each signal has been breaching. Immutable; it goes into the entity's snapshot.
 *
 * @param byKind one baseline per metric, all five present
 * @param lastAt the timestamp of the last in-order window; null before the first
 * @param breachStreaks consecutive breaching windows per signal; signals not breaching are absent
 * @param surprises how surprising each metric's last value was ({@link Surprise}); null, as in a
 *     snapshot taken before surprise existed, starts every metric afresh
 */
public record ModelBaselines(
    Map<MetricKind, MetricBaseline> byKind,
    Instant lastAt,
    Map<Signal, Integer> breachStreaks,
    Map<MetricKind, Surprise> surprises)
    implements CborSerializable {

  /** One set of surprise settings for every metric of every model. */
  static final Surprise.Params SURPRISE = Surprise.Params.defaults();

  public ModelBaselines {
    EnumMap<MetricKind, MetricBaseline> baselines = new EnumMap<>(MetricKind.class);
    baselines.putAll(byKind);
    if (baselines.size() != MetricKind.values().length) {
      throw new IllegalArgumentException("baselines must cover every metric, got " + baselines.keySet());
    }
    byKind = Collections.unmodifiableMap(baselines);
    EnumMap<Signal, Integer> streaks = new EnumMap<>(Signal.class);
    breachStreaks.forEach((signal, n) -> {
      if (n < 0) {
        throw new IllegalArgumentException("breach streak of " + signal + " must not be negative, was " + n);
      }
      if (n > 0) {
        streaks.put(signal, n);
      }
    });
    breachStreaks = Collections.unmodifiableMap(streaks);
    EnumMap<MetricKind, Surprise> surprised = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      Surprise s = surprises == null ? null : surprises.get(kind);
      surprised.put(kind, s == null ? Surprise.fresh() : s);
    }
    surprises = Collections.unmodifiableMap(surprised);
  }

  public ModelBaselines(Map<MetricKind, MetricBaseline> byKind, Instant lastAt, Map<Signal, Integer> breachStreaks) {
    this(byKind, lastAt, breachStreaks, null);
  }

  /** This state with other breach streaks, everything learned kept. */
  public ModelBaselines withStreaks(Map<Signal, Integer> streaks) {
    return new ModelBaselines(byKind, lastAt, streaks, surprises);
  }

  /** How surprising {@code kind}'s last judged value was: 0 (usual) to 1 (unlike anything before). */
  public double surprise(MetricKind kind) {
    return surprises.get(kind).score();
  }

  public static ModelBaselines empty() {
    Map<MetricKind, MetricBaseline> baselines = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      baselines.put(kind, MetricBaseline.empty());
    }
    return new ModelBaselines(baselines, null, Map.of());
  }

  public MetricBaseline of(MetricKind kind) {
    return byKind.get(kind);
  }

  public int streak(Signal signal) {
    return breachStreaks.getOrDefault(signal, 0);
  }

  /**
   * Judges {@code window} against this state, then learns from it. Each value is scored before it
   * is learned. Unusable values become a {@link DataGap} and leave their metric untouched; a
   * window not later than the last one changes nothing at all.
   */
  public DetectionStep observe(MetricWindow window, DetectorParams p, Thresholds t) {
    Instant at = window.at();
    if (lastAt != null && !at.isAfter(lastAt)) {
      return new DetectionStep(this, Map.of(), outOfOrder(window), Map.of(), Set.of());
    }

    Map<MetricKind, Observation> observations = new EnumMap<>(MetricKind.class);
    Map<MetricKind, DataGap.Entry> gaps = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      double value = window.value(kind);
      if (Double.isNaN(value)) {
        gaps.put(kind, new DataGap.Entry(DataGap.Reason.MISSING, value));
      } else if (!kind.accepts(value)) {
        gaps.put(kind, new DataGap.Entry(DataGap.Reason.INVALID, value));
      } else {
        observations.put(kind, of(kind).observe(kind, at, value, p));
      }
    }

    Map<Signal, Integer> streaks = new EnumMap<>(Signal.class);
    streaks.putAll(breachStreaks);
    Map<Signal, Integer> fired = new EnumMap<>(Signal.class);
    Set<MetricKind> frozen = EnumSet.noneOf(MetricKind.class);
    for (Signal signal : Signal.values()) {
      Observation o = observations.get(signal.metric());
      if (o == null) {
        continue; // a gap neither advances nor resets the streak
      }
      if (!t.breaches(signal, o)) {
        streaks.remove(signal);
        continue;
      }
      int streak = streaks.merge(signal, 1, ModelBaselines::saturatingAdd);
      if (streak >= t.consecutiveWindows()) {
        fired.put(signal, streak);
      }
      if (signal.relativeToBaseline()) {
        frozen.add(signal.metric());
      }
    }

    Map<MetricKind, Surprise> surprised = new EnumMap<>(surprises);
    observations.forEach((kind, o) -> surprised.put(kind, surprises.get(kind).next(o, SURPRISE)));
    Map<MetricKind, MetricBaseline> next = new EnumMap<>(byKind);
    Set<MetricKind> accepted = EnumSet.noneOf(MetricKind.class);
    observations.forEach((kind, o) -> {
      MetricBaseline before = of(kind);
      if (frozen.contains(kind)) {
        MetricBaseline after = before.hold(at, o.value(), p);
        if (before.held() && !after.held()) {
          accepted.add(kind);
        }
        next.put(kind, after);
      } else {
        next.put(kind, before.learn(at, o.value(), p));
      }
    });
    return new DetectionStep(
        new ModelBaselines(next, at, streaks, surprised), observations, new DataGap(at, gaps), fired, accepted);
  }

  private static DataGap outOfOrder(MetricWindow window) {
    Map<MetricKind, DataGap.Entry> all = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      all.put(kind, new DataGap.Entry(DataGap.Reason.OUT_OF_ORDER, window.value(kind)));
    }
    return new DataGap(window.at(), all);
  }

  private static int saturatingAdd(int a, int b) {
    int sum = a + b;
    return sum < a ? Integer.MAX_VALUE : sum;
  }
}
