package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.metrics.MetricSummary;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the admin API. Separate from the entity's state so the journal format and the
 * API can evolve apart. Missing or non-finite numbers are {@code null}: JSON has no NaN.
 */
final class JsonViews {
  private JsonViews() {}

  record Window(
      Instant at, Double accuracy, Double latencyP95Seconds, Double errorRate, Double throughputRps,
      Double cpuUtilization) {

    static Window of(MetricWindow w) {
      return w == null ? null : new Window(w.at(), finite(w.accuracy()), finite(w.latencyP95Seconds()),
          finite(w.errorRate()), finite(w.throughputRps()), finite(w.cpuUtilization()));
    }
  }

  record Summary(long observed, long missing, int windows, Double mean, Double min, Double max, Double stdDev) {
    static Summary of(MetricSummary s) {
      return new Summary(s.observed(), s.missing(), s.recent().length, finite(s.mean()), finite(s.min()),
          finite(s.max()), finite(s.stdDev()));
    }
  }

  record ModelStatus(
      String name, long eventCount, Instant firstObservedAt, Window latest, Map<String, Summary> summaries) {

    static ModelStatus of(ModelAgent.Status s) {
      Map<String, Summary> summaries = new LinkedHashMap<>();
      for (MetricKind kind : MetricKind.values()) {
        summaries.put(kind.field(), Summary.of(s.summaries().of(kind)));
      }
      return new ModelStatus(s.name(), s.eventCount(), s.firstObservedAt(), Window.of(s.latest()), summaries);
    }
  }

  record ModelItem(String name, long eventCount, Window latest) {
    static ModelItem of(ModelAgent.Status s) {
      return new ModelItem(s.name(), s.eventCount(), Window.of(s.latest()));
    }
  }

  record ModelPage(int total, int offset, int limit, List<ModelItem> items) {}

  record Health(String status) {}

  record Readiness(String status, String reason, int models, Instant observedUpTo) {}

  record Problem(int status, String error) {}

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
