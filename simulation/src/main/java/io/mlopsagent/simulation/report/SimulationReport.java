package io.mlopsagent.simulation.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A simulation run: one scenario, one seed, and the run of each policy compared on it.
 *
 * @param sampleEvery spacing of each run's {@link PolicyRun#sloViolationSeries()}
 */
public record SimulationReport(
    String scenario,
    String description,
    long seed,
    Instant start,
    Duration duration,
    Duration step,
    int models,
    double modelDays,
    Duration sampleEvery,
    List<PolicyRun> policies) {

  public SimulationReport {
    Objects.requireNonNull(scenario, "scenario");
    description = description == null ? "" : description;
    policies = List.copyOf(policies);
  }

  public PolicyRun policy(String name) {
    return policies.stream().filter(p -> p.policy().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no run of policy " + name));
  }
}
