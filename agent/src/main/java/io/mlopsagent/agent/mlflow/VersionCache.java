package io.mlopsagent.agent.mlflow;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last answer MLflow gave for each model. Fresh within the time to live, it spares MLflow a
 * request per model per poll; older, it is still the last known good answer when MLflow is down.
 */
final class VersionCache {
  private record Entry(List<ModelVersion> versions, Instant fetchedAt, boolean stale) {}

  private final Map<ModelName, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  VersionCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The answer if it is younger than the time to live and nothing has changed it since. */
  Optional<List<ModelVersion>> fresh(ModelName model) {
    Entry e = entries.get(model);
    if (e == null || e.stale() || !clock.instant().isBefore(e.fetchedAt().plus(ttl))) {
      return Optional.empty();
    }
    return Optional.of(e.versions());
  }

  /** The last answer, however old. */
  Optional<List<ModelVersion>> lastGood(ModelName model) {
    return Optional.ofNullable(entries.get(model)).map(Entry::versions);
  }

  void put(ModelName model, List<ModelVersion> versions) {
    entries.put(model, new Entry(List.copyOf(versions), clock.instant(), false));
  }

  /** After the agent changed the model in MLflow: ask again next time, but keep the answer as a fallback. */
  void invalidate(ModelName model) {
    entries.computeIfPresent(model, (m, e) -> new Entry(e.versions(), e.fetchedAt(), true));
  }
}
