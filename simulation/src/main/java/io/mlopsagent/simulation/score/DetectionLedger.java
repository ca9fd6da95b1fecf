package io.mlopsagent.simulation.score;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.simulation.report.PolicyRun;
import io.mlopsagent.simulation.scenario.FaultKind;
import io.mlopsagent.simulation.world.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How long each fault went unnoticed, in windows: from its onset to the first time the policy
 * noticed or acted on that model, counting the onset's window as the first (a detection in the
 * first faulty window is a delay of 1). A detection counts until {@link #GRACE} after the fault
 * ends. A fault never noticed counts as the windows from its onset to the end of the run: it was
 * at least that late, and leaving it out would flatter a policy that notices nothing.
 *
 * <p>A bad candidate is noticed when the policy's rollout of it fails; one it never deployed is not
 * counted. Metrics outages and Kubernetes API errors are not degradations of the model: the right
 * reaction to them is none, and {@code false_adaptations} scores that instead.
 */
final class DetectionLedger {
  static final Duration GRACE = Duration.ofHours(1);
  static final Set<FaultKind> DEGRADATIONS = EnumSet.of(FaultKind.LATENCY_SPIKE, FaultKind.ERROR_SPIKE,
      FaultKind.ACCURACY_DRIFT, FaultKind.ACCURACY_DROP, FaultKind.CPU_SATURATION, FaultKind.TRAFFIC_SURGE);

  /** One fault's delay, and whether the policy noticed it at all. */
  record Sample(double windows, boolean detected) {}

  private final Duration step;
  private final Instant end;
  private final Map<ModelName, TreeSet<Instant>> detections = new HashMap<>();

  DetectionLedger(Duration step, Instant end) {
    this.step = step;
    this.end = end;
  }

  synchronized void detected(Instant at, ModelName model) {
    detections.computeIfAbsent(model, m -> new TreeSet<>()).add(at);
  }

  /** Delays per fault kind (its word), over the faults of the world and the finished rollouts. */
  synchronized Map<String, List<Sample>> delays(List<Fault> faults, List<RolloutLedger.Finished> rollouts) {
    Map<String, List<Sample>> byKind = new LinkedHashMap<>();
    for (Fault f : faults) {
      if (DEGRADATIONS.contains(f.kind())) {
        TreeSet<Instant> seen = detections.getOrDefault(f.model(), new TreeSet<>());
        Instant first = seen.ceiling(f.onset());
        boolean inTime = first != null && first.isBefore(f.end().plus(GRACE));
        byKind.computeIfAbsent(f.kind().word(), k -> new ArrayList<>())
            .add(inTime ? new Sample(windows(f.onset(), first) + 1, true) : new Sample(censored(f.onset()), false));
      } else if (f.kind() == FaultKind.BAD_CANDIDATE) {
        badCandidateDelay(f, rollouts).ifPresent(d ->
            byKind.computeIfAbsent(f.kind().word(), k -> new ArrayList<>()).add(d));
      }
    }
    return byKind;
  }

  private Optional<Sample> badCandidateDelay(Fault f, List<RolloutLedger.Finished> rollouts) {
    Instant firstDeployed = null;
    for (RolloutLedger.Finished r : rollouts) {
      if (r.model().equals(f.model()) && r.version().startsWith("bad-") && !r.started().isBefore(f.onset())) {
        if (!r.succeeded()) {
          return Optional.of(new Sample(windows(r.started(), r.ended()) + 1, true));
        }
        firstDeployed = firstDeployed == null ? r.started() : firstDeployed;
      }
    }
    return firstDeployed == null ? Optional.empty()
        : Optional.of(new Sample(censored(firstDeployed), false));
  }

  private double windows(Instant from, Instant to) {
    return Math.floor(Duration.between(from, to).toMillis() / (double) step.toMillis());
  }

  private double censored(Instant from) {
    return Math.max(1, windows(from, end));
  }

  static PolicyRun.Delay summarise(List<Sample> samples) {
    List<Double> delays = samples.stream().map(Sample::windows).toList();
    int detected = (int) samples.stream().filter(Sample::detected).count();
    return new PolicyRun.Delay(percentile(delays, 50), percentile(delays, 95), detected, samples.size());
  }

  /** Nearest-rank percentile; 0 for no values. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
