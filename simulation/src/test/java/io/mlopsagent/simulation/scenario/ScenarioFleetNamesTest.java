package io.mlopsagent.simulation.scenario;

import static io.mlopsagent.simulation.scenario.ScenarioText.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioFleetNamesTest {
  private final Scenario scenario = minimalWith("");

  @Test
  void modelsAreNamedInFleetOrderWithThreeDigits() {
    assertThat(FleetNames.modelNames(scenario))
        .containsExactly("fraud-001", "fraud-002", "fraud-003", "churn-001", "churn-002");
  }

  @Test
  void aGroupOfMoreThan999ModelsGetsMoreDigits() {
    Scenario big = minimalWith("scenario.groups = [ { name = big, count = 1200, size-mb = 10, complexity = 1,"
        + " traffic.peak-rps = 1, accuracy = 0.9, latency-p95-seconds = 0.1, error-rate = 0 } ]");

    assertThat(FleetNames.modelNames(big)).hasSize(1200).startsWith("big-0001").endsWith("big-1200");
  }

  @Test
  void aTargetSelectsByGroupGlobAndCountInFleetOrder() {
    assertThat(FleetNames.select(scenario, Target.ALL)).hasSize(5);
    assertThat(FleetNames.select(scenario, new Target("churn", null, 0))).containsExactly("churn-001", "churn-002");
    assertThat(FleetNames.select(scenario, new Target(null, "*-002", 0))).containsExactly("fraud-002", "churn-002");
    assertThat(FleetNames.select(scenario, new Target(null, "*-00?", 4)))
        .containsExactly("fraud-001", "fraud-002", "fraud-003", "churn-001");
    assertThat(FleetNames.select(scenario, new Target("fraud", "churn-*", 0))).isEmpty();
  }
}
