package io.mlopsagent.actors.metrics;

import io.mlopsagent.persistence.CborSerializable;
import java.util.EnumMap;
import java.util.Map;

/** The rolling summaries of all five metrics of one model. */
public record MetricSummaries(Map<MetricKind, MetricSummary> byKind) implements CborSerializable {

  public MetricSummaries {
    EnumMap<MetricKind, MetricSummary> copy = new EnumMap<>(MetricKind.class);
    copy.putAll(byKind);
    if (copy.size() != MetricKind.values().length) {
      throw new IllegalArgumentException("summaries must cover every metric, got " + copy.keySet());
    }
    byKind = java.util.Collections.unmodifiableMap(copy);
  }

  public static MetricSummaries empty(int capacity) {
    Map<MetricKind, MetricSummary> map = new EnumMap<>(MetricKind.class);
    for (MetricKind kind : MetricKind.values()) {
      map.put(kind, MetricSummary.empty(capacity));
    }
    return new MetricSummaries(map);
  }

  public MetricSummaries with(MetricWindow window) {
    Map<MetricKind, MetricSummary> next = new EnumMap<>(MetricKind.class);
    byKind.forEach((kind, summary) -> next.put(kind, summary.with(kind, window.value(kind))));
    return new MetricSummaries(next);
  }

  public MetricSummary of(MetricKind kind) {
    return byKind.get(kind);
  }
}
