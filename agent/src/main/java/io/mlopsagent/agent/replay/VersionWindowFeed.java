package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.RolloutStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The windows a candidate's rollout is analysed on. The recording has per-version windows only
 * while its own rollouts ran, and the candidate's actions changed nothing, so there is no window of
 * what the candidate would have deployed when it would have. What comes closest: the recording's
 * windows of the same version beside the same stable version, in the order they were recorded,
 * each used once, shifted to the candidate's time. A candidate rollout that starts before the
 * recording's gets them as they are recorded; until then, and once they run out, its analysis gets
 * none, counts measurement errors like any analysis without data, and fails on them in the end:
 * {@link #starved} tells such a rollout apart, whose end is then reported as not replayable.
 */
final class VersionWindowFeed {
  // Only windows with per-version data: the recording keeps those only during its rollouts.
  private final List<ModelWindows> recorded = new ArrayList<>();
  private String rolloutId;
  private int cursor;
  private boolean starved;

  /** Keeps a recorded window's per-version data, if it has any. */
  void record(ModelWindows windows) {
    if (!windows.byVersion().isEmpty()) {
      recorded.add(windows);
    }
  }

  /**
   * What the candidate observes at {@code overall}: the window alone, or with the next recorded
   * pair of its progressing rollout's versions.
   */
  ModelWindows next(MetricWindow overall, Rollout rollout) {
    if (rollout == null || rollout.status() != RolloutStatus.PROGRESSING) {
      return ModelWindows.of(overall);
    }
    if (!rollout.id().equals(rolloutId)) {
      rolloutId = rollout.id();
      cursor = 0;
      starved = false;
    }
    while (cursor < recorded.size()) {
      ModelWindows w = recorded.get(cursor++);
      MetricWindow canary = w.version(rollout.toVersion());
      if (canary != null) {
        Map<String, MetricWindow> byVersion = new HashMap<>();
        byVersion.put(rollout.toVersion(), canary);
        MetricWindow stable = w.version(rollout.fromVersion());
        if (stable != null) {
          byVersion.put(rollout.fromVersion(), stable);
        }
        return new ModelWindows(overall, byVersion);
      }
    }
    starved = true;
    return ModelWindows.of(overall);
  }

  /** Whether rollout {@code id} was ever analysed on a window with no recorded data of its version. */
  boolean starved(String id) {
    return starved && id.equals(rolloutId);
  }
}
