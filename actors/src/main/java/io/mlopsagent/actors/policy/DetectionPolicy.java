package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How degradation is told apart from what is normal for a model. Every duration is observation
 * time, never wall-clock time. Built and checked by {@link PolicyLoader}.
 *
 * @param halfLife how fast the baseline forgets: a window this old weighs half as much as a new one
 * @param warmupWindows windows observed before the baseline is trusted and anything is detected
 * @param seasonal whether the baseline follows the daily and weekly traffic cycle
 * @param outlierClip values further than this many standard deviations from the baseline are
 *     clipped before they update it, so one spike does not move what is normal
 * @param acceptShiftAfter a shift that lasts this long becomes the new normal instead of an alarm
 * @param thresholds when a difference from the baseline counts as degradation
 */
public record DetectionPolicy(
    Duration halfLife,
    int warmupWindows,
    boolean seasonal,
    double outlierClip,
    Duration acceptShiftAfter,
    Thresholds thresholds) implements CborSerializable {

  public DetectionPolicy {
    Objects.requireNonNull(halfLife, "halfLife");
    Objects.requireNonNull(acceptShiftAfter, "acceptShiftAfter");
    Objects.requireNonNull(thresholds, "thresholds");
  }

  /**
   * @param accuracyDrop degraded when accuracy is more than this below the baseline (absolute)
   * @param latencyFactor degraded when p95 latency is above this multiple of the baseline
   * @param errorRateRise degraded when the error rate is above the baseline plus this (absolute)
   * @param cpuHigh saturated when CPU utilisation (0..1) is above this
   * @param cpuLow wasteful when CPU utilisation (0..1) is below this
   * @param consecutiveWindows windows in a row a degradation must last before it is acted on
   * @param sustainedWindows windows in a row saturation or waste must last before scaling out or in
   */
  public record Thresholds(
      double accuracyDrop,
      double latencyFactor,
      double errorRateRise,
      double cpuHigh,
      double cpuLow,
      int consecutiveWindows,
      int sustainedWindows) implements CborSerializable {

    public Thresholds {
      // The one relation a detector relies on: a utilisation cannot be both saturated and wasteful.
      if (!(cpuLow < cpuHigh)) {
        throw new IllegalArgumentException("cpu-low " + cpuLow + " must be below cpu-high " + cpuHigh);
      }
    }
  }
}
