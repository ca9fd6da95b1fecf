package io.mlopsagent.agent.e2e;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.TaggedEvents.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a run against {@link FaultyKubernetesApi} did, from three witnesses that do not share a
 * memory: the API store (writes it applied), the actuator's callers (what was asked, how often)
 * and the journal (what was decided, confirmed or given up).
 */
final class ChaosReport {
  private final FaultyKubernetesApi api;
  private final RecordingActuator cluster;
  private final int backoffRetries;
  private final Map<ModelName, List<StoredEvent>> journal;
  private final double seconds;

  ChaosReport(FaultyKubernetesApi api, RecordingActuator cluster, int backoffRetries,
      Map<ModelName, List<Decisions.Decision>> told, Map<ModelName, List<StoredEvent>> journal, double seconds) {
    this.api = api;
    this.cluster = cluster;
    this.backoffRetries = backoffRetries;
    this.journal = journal;
    this.seconds = seconds;
    // The listener hears of every decision once it is journaled: it must agree with the journal.
    journal.forEach((m, events) -> {
      long journaled = events.stream().filter(e -> e.event() instanceof Decisions.Decision).count();
      if (journaled != told.getOrDefault(m, List.of()).size()) {
        throw new IllegalStateException(m + ": " + journaled + " decisions journaled, "
            + told.getOrDefault(m, List.of()).size() + " told to the listener");
      }
    });
  }

  long rolloutsStarted() {
    return decisions(d -> d instanceof Decisions.RolloutStarted).size();
  }

  List<ModelName> promoted() {
    return modelsWith(d -> d instanceof Decisions.RolloutPromoted);
  }

  List<ModelName> aborted() {
    return modelsWith(d -> d instanceof Decisions.RolloutAborted);
  }

  /**
   * Actions asked of the cluster whose decision the journal neither confirms done
   * ({@code ActionCompleted}) nor records as failed ({@code ActionFailed}).
   */
  List<String> unresolvedActions() {
    List<String> unresolved = new ArrayList<>();
    Map<String, RecordingActuator.Asked> asked = cluster.actions();
    journal.forEach((model, events) -> {
      for (StoredEvent e : events) {
        if (e.event() instanceof Decisions.Decision d && d.info().actuated()) {
          String id = model.value() + "#" + e.sequenceNr();
          RecordingActuator.Asked a = asked.get(id);
          if (a != null && !confirmed(events, e.sequenceNr()) && !failed(events, id)) {
            unresolved.add(id + " (" + a.what + ": asked " + a.asks + ", succeeded " + a.succeeded + ", failed "
                + a.failed + ", last error " + a.lastError + ")");
          }
        }
      }
    });
    return unresolved;
  }

  private static boolean confirmed(List<StoredEvent> events, long sequenceNr) {
    return events.stream().anyMatch(e -> e.event() instanceof ModelAgent.ActionCompleted c && c.sequenceNr() == sequenceNr);
  }

  private static boolean failed(List<StoredEvent> events, String actionId) {
    return events.stream().anyMatch(e -> e.event() instanceof ModelAgent.ActionFailed f && f.actionId().equals(actionId));
  }

  long actionsJournaledFailed() {
    return journal.values().stream().flatMap(List::stream).filter(e -> e.event() instanceof ModelAgent.ActionFailed)
        .count();
  }

  /** Candidate Deployments of the model the store created. */
  long candidateCreations(ModelName m) {
    return api.appliedWrites().stream().filter(w -> w.method().equals("POST") && w.deployment() != null
        && w.deployment().getMetadata().getName().equals(m.value() + "-candidate")).count();
  }

  long candidateDeletions(ModelName m) {
    return api.appliedWrites().stream().filter(w -> w.method().equals("DELETE")
        && w.path().endsWith("/deployments/" + m.value() + "-candidate")).count();
  }

  /** The weights the store's candidate Deployment of the model took, in order, each change once. */
  List<Integer> appliedWeights(ModelName m) {
    return changes(api.appliedWrites().stream().filter(w -> w.deployment() != null
        && w.deployment().getMetadata().getName().equals(m.value() + "-candidate"))
        .map(w -> ClusterMetricsSource.weight(w.deployment())).toList());
  }

  /** The weights the journal decided for the model's candidate, in order. */
  List<Integer> decidedWeights(ModelName m) {
    return weights(m, false);
  }

  /** The decided weights whose action the journal confirms done. */
  List<Integer> confirmedWeights(ModelName m) {
    return weights(m, true);
  }

  private List<Integer> weights(ModelName m, boolean confirmedOnly) {
    List<StoredEvent> events = journal.getOrDefault(m, List.of());
    List<Integer> weights = new ArrayList<>();
    for (StoredEvent e : events) {
      Integer weight = e.event() instanceof Decisions.RolloutStarted s ? Integer.valueOf(s.rollout().newVersionWeight())
          : e.event() instanceof Decisions.CanaryStepPassed p && p.nextWeight() != 0 ? Integer.valueOf(p.nextWeight())
          : null;
      if (weight != null && (!confirmedOnly || confirmed(events, e.sequenceNr()))) {
        weights.add(weight);
      }
    }
    return changes(weights);
  }

  /** The versions the store's stable Deployment of the model ran, in order, each change once. */
  List<String> stableVersions(ModelName m) {
    return changes(api.appliedWrites().stream().filter(w -> w.deployment() != null
        && w.deployment().getMetadata().getName().equals(m.value()))
        .map(w -> ClusterMetricsSource.version(w.deployment())).toList());
  }

  private static <T> List<T> changes(List<T> values) {
    List<T> changes = new ArrayList<>();
    for (T v : values) {
      if (changes.isEmpty() || !Objects.equals(changes.get(changes.size() - 1), v)) {
        changes.add(v);
      }
    }
    return changes;
  }

  /** The figures of the run, one line each, for the log and docs/RELIABILITY.md. */
  String summary() {
    long asks = cluster.asks();
    int actions = cluster.actions().size();
    StringBuilder s = new StringBuilder("Kubernetes API faults, end to end:\n");
    s.append(String.format(Locale.ROOT, "  wall time             %.1f s%n", seconds));
    s.append(String.format(Locale.ROOT, "  agent API requests    %d%n", api.agentRequests()));
    long faults = api.faults().values().stream().mapToLong(Long::longValue).sum();
    s.append(String.format(Locale.ROOT, "  faults injected       %d (%.1f %%)%n", faults,
        100.0 * faults / Math.max(1, api.agentRequests())));
    api.faults().forEach((k, n) -> s.append(String.format(Locale.ROOT, "    %-22s %d%n", k.word(), n)));
    s.append(String.format(Locale.ROOT, "  stall per timeout     %d ms (client timeout %d ms)%n",
        api.stall().toMillis(), api.stall().toMillis() / 3));
    s.append(String.format(Locale.ROOT, "  actions               %d, asked %d times (%d re-asks at a later window)%n",
        actions, asks, asks - actions));
    s.append(String.format(Locale.ROOT, "  actuator retries      %d after a 5xx or timeout (backoff), 409s retried at once%n",
        backoffRetries));
    s.append(String.format(Locale.ROOT, "  actions failed        %d journaled as failed after their tries%n",
        actionsJournaledFailed()));
    s.append(String.format(Locale.ROOT, "  rollouts              %d: %d promoted, %d aborted%n", rolloutsStarted(),
        promoted().size(), aborted().size()));
    s.append(String.format(Locale.ROOT, "  rollout length        %s windows (1 window = 1 min observation time)%n",
        rolloutWindows()));
    return s.toString();
  }

  /** Every model's journal but its windows, one event a line: what a failed assertion is read against. */
  String outline() {
    StringBuilder s = new StringBuilder();
    journal.forEach((m, events) -> events.stream().filter(e -> !(e.event() instanceof ModelAgent.WindowObserved))
        .forEach(e -> s.append(m).append(" #").append(e.sequenceNr()).append(' ').append(describe(e.event()))
            .append('\n')));
    return s.toString();
  }

  private static String describe(Object event) {
    if (event instanceof Decisions.RolloutStarted d) {
      return "rollout_started " + d.rollout().fromVersion() + " -> " + d.rollout().toVersion() + " at " + d.info().at();
    }
    if (event instanceof Decisions.Decision d) {
      return d.type() + " at " + d.info().at() + ": " + d.info().reason();
    }
    if (event instanceof ModelAgent.WorkloadSynced w) {
      return "workload_synced " + w.workload().stableVersion() + " + " + w.workload().candidateVersion() + " at "
          + w.workload().candidateWeight() + " %";
    }
    if (event instanceof ModelAgent.ActionFailed f) {
      return "action_failed " + f.actionId() + ": " + f.error();
    }
    if (event instanceof ModelAgent.ActionCompleted c) {
      return "action_completed #" + c.sequenceNr();
    }
    return event.getClass().getSimpleName();
  }

  /** Each rollout's length from its start to its promotion or abort, in windows. */
  private List<Long> rolloutWindows() {
    List<Long> lengths = new ArrayList<>();
    journal.keySet().forEach(m -> {
      java.time.Instant started = null;
      for (Decisions.Decision d : decisions(m)) {
        if (d instanceof Decisions.RolloutStarted) {
          started = d.info().at();
        } else if (started != null && (d instanceof Decisions.RolloutPromoted || d instanceof Decisions.RolloutAborted)) {
          lengths.add(Duration.between(started, d.info().at()).toMinutes());
          started = null;
        }
      }
    });
    return lengths.stream().sorted().toList();
  }

  private List<Decisions.Decision> decisions(ModelName m) {
    return journal.getOrDefault(m, List.of()).stream().map(StoredEvent::event)
        .filter(e -> e instanceof Decisions.Decision d && d.info().actuated()).map(e -> (Decisions.Decision) e).toList();
  }

  private List<Decisions.Decision> decisions(Predicate<Decisions.Decision> which) {
    return journal.keySet().stream().flatMap(m -> decisions(m).stream()).filter(which).toList();
  }

  private List<ModelName> modelsWith(Predicate<Decisions.Decision> which) {
    return journal.keySet().stream().filter(m -> decisions(m).stream().anyMatch(which)).toList();
  }
}
