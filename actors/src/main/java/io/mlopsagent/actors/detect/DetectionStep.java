package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one window did to a model's detectors.
 *
 * @param state the detectors after the window (unchanged for an out-of-order window)
 * @param observations the metrics that could be judged, scored against the state before
 * @param gap the metrics that could not be judged, and why (empty when there were none)
 * @param signals the signals firing in this window, each with its breach streak in windows
 * @param acceptedShifts metrics whose persistent shift was accepted as their new normal
 */
public record DetectionStep(
    ModelBaselines state,
    Map<MetricKind, Observation> observations,
    DataGap gap,
    Map<Signal, Integer> signals,
    Set<MetricKind> acceptedShifts) {

  public DetectionStep {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(gap, "gap");
    EnumMap<MetricKind, Observation> obs = new EnumMap<>(MetricKind.class);
    obs.putAll(observations);
    observations = Collections.unmodifiableMap(obs);
    EnumMap<Signal, Integer> fired = new EnumMap<>(Signal.class);
    fired.putAll(signals);
    signals = Collections.unmodifiableMap(fired);
    EnumSet<MetricKind> accepted = EnumSet.noneOf(MetricKind.class);
    accepted.addAll(acceptedShifts);
    acceptedShifts = Collections.unmodifiableSet(accepted);
  }

  public boolean fired(Signal signal) {
    return signals.containsKey(signal);
  }

  /**
   * True when {@code signal} fires in this window and has been breaching for at least {@code
   * windows} windows in a row: what scaling decisions ask for instead of a single firing.
   */
  public boolean sustained(Signal signal, int windows) {
    return fired(signal) && signals.get(signal) >= windows;
  }

  /** Consecutive breaching windows of {@code signal} so far, gaps not counted. */
  public int streak(Signal signal) {
    return state.streak(signal);
  }
}
