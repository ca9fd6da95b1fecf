package io.mlopsagent.simulation.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A simulated fleet's life, as a scenario file describes it: who the models are, what appears in
 * the registry and when, how the cluster really behaves, and what goes wrong. Every policy compared
 * in one run lives the same life: the same models, the same noise, the same faults.
 *
 * @param start observation time of the first window
 * @param step observation time between two windows
 * @param slo what counts as a violation, for every policy alike
 * @param agentPolicies the policies file the agent runs with when {@code simulate} is given none
 *     ({@code agent-policies}, relative to the scenario file); {@code null}: the packaged ones
 */
public record Scenario(
    String name,
    String description,
    long seed,
    Instant start,
    Duration duration,
    Duration step,
    Slo slo,
    List<ModelGroup> groups,
    List<CandidateSpec> candidates,
    ClusterTruth cluster,
    List<FaultSpec> faults,
    java.nio.file.Path agentPolicies) {

  /** A scenario run with the agent's packaged policies. */
  public Scenario(String name, String description, long seed, Instant start, Duration duration, Duration step,
      Slo slo, List<ModelGroup> groups, List<CandidateSpec> candidates, ClusterTruth cluster, List<FaultSpec> faults) {
    this(name, description, seed, start, duration, step, slo, groups, candidates, cluster, faults, null);
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(cluster, "cluster");
    groups = List.copyOf(groups);
    candidates = List.copyOf(candidates);
    faults = List.copyOf(faults);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one model group");
    }
    if (step.isNegative() || step.isZero() || duration.compareTo(step) < 0) {
      throw new IllegalArgumentException("a scenario needs a positive step no longer than its duration");
    }
  }

  /** Models in the fleet, over all groups. */
  public int models() {
    return groups.stream().mapToInt(ModelGroup::count).sum();
  }

  /** Windows each policy observes: models times steps. */
  public long windows() {
    return models() * (duration.toMillis() / step.toMillis());
  }

  /** Model-days the scenario covers. */
  public double modelDays() {
    return models() * duration.toMillis() / 86_400_000.0;
  }

  /** The same scenario under another seed. */
  /** When the agent crashes and starts again ({@code agent-crash} faults), in time order. */
  public List<Instant> agentCrashes() {
    return faults.stream().filter(f -> f.kind() == FaultKind.AGENT_CRASH).map(f -> start.plus(f.onset())).sorted()
        .toList();
  }

  public Scenario withSeed(long newSeed) {
    return new Scenario(name, description, newSeed, start, duration, step, slo, groups, candidates, cluster, faults,
        agentPolicies);
  }

  /** The same scenario, its agent policies file resolved against {@code dir} (the scenario file's). */
  Scenario resolvedAgainst(java.nio.file.Path dir) {
    return agentPolicies == null || agentPolicies.isAbsolute() ? this
        : new Scenario(name, description, seed, start, duration, step, slo, groups, candidates, cluster, faults,
            dir.resolve(agentPolicies).normalize());
  }
}
