package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.control.OperatorSwitches;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.metrics.MetricKind;
import java.util.List;

/**
 * One word for where a model stands, for the fleet's counts, the list's filter and the
 * dashboard: {@code paused} (an operator or the fleet's kill switch holds it), {@code rolling_out},
 * {@code degraded} (a degradation signal fires), {@code warming_up} (its detectors are still
 * learning what is normal) or {@code healthy}, in that order of precedence.
 */
final class ModelCondition {
  static final List<String> STATES = List.of("healthy", "degraded", "rolling_out", "paused", "warming_up");

  private ModelCondition() {}

  static String of(ModelState st, OperatorSwitches.Pause pause) {
    if (pause != null) {
      return "paused";
    }
    if (st.rolloutInProgress()) {
      return "rolling_out";
    }
    if (degraded(st)) {
      return "degraded";
    }
    return warm(st) ? "healthy" : "warming_up";
  }

  /** A degradation signal (CPU idle is a saving, not a degradation) fires: breaching long enough. */
  static boolean degraded(ModelState st) {
    if (st.policy() == null) {
      return false;
    }
    int needed = PolicyTranslation.thresholds(st.policy()).consecutiveWindows();
    return st.baselines().breachStreaks().entrySet().stream()
        .anyMatch(e -> e.getKey() != Signal.CPU_IDLE && e.getValue() >= needed);
  }

  static boolean warm(ModelState st) {
    return st.policy() != null
        && st.baselines().of(MetricKind.ACCURACY).warm(PolicyTranslation.detectorParams(st.policy()));
  }
}
