package io.mlopsagent.actors.detect;

import io.mlopsagent.actors.metrics.MetricWindow;
import java.util.EnumMap;
import java.util.Map;

/** Feeds windows to one model's detectors, keeping the state and counting the signals fired. */
final class DetectorRun {
  final DetectorParams params;
  final Thresholds thresholds;
  ModelBaselines state = ModelBaselines.empty();
  final Map<Signal, Integer> firings = new EnumMap<>(Signal.class);

  DetectorRun(DetectorParams params, Thresholds thresholds) {
    this.params = params;
    this.thresholds = thresholds;
  }

  static DetectorRun withDefaults() {
    return new DetectorRun(DetectorParams.defaults(), Thresholds.seed());
  }

  DetectionStep feed(MetricWindow window) {
    DetectionStep step = state.observe(window, params, thresholds);
    state = step.state();
    step.signals().keySet().forEach(s -> firings.merge(s, 1, Integer::sum));
    return step;
  }

  /** Feeds windows {@code from} .. {@code from + count - 1} of {@code model} unchanged. */
  DetectionStep feedHealthy(SyntheticModel model, long from, int count) {
    DetectionStep last = null;
    for (long i = from; i < from + count; i++) {
      last = feed(model.window(i));
    }
    return last;
  }

  int firings(Signal signal) {
    return firings.getOrDefault(signal, 0);
  }
}
