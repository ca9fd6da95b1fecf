package io.mlopsagent.actors.metrics;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Map;
import java.util.Objects;

/**
 * What a source saw of one model in one window: the model as a whole, and each serving version
 * on its own where the source can tell them apart (during a canary or blue-green rollout the
 * analysis compares the candidate's window with the stable one's).
 */
public record ModelWindows(MetricWindow overall, Map<String, MetricWindow> byVersion) implements CborSerializable {

  public ModelWindows {
    Objects.requireNonNull(overall, "overall window");
    byVersion = byVersion == null ? Map.of() : Map.copyOf(byVersion);
  }

  public static ModelWindows of(MetricWindow overall) {
    return new ModelWindows(overall, Map.of());
  }

  /** The window of one version, or {@code null} when the source has none for it. */
  public MetricWindow version(String version) {
    return version == null ? null : byVersion.get(version);
  }
}
