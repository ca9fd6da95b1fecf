package io.mlopsagent.simulation.scenario;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A small valid scenario for tests, and ways to load it with changes. */
final class ScenarioText {
  /** Two groups, fraud-001..003 and churn-001..002, over two days; every optional key left out. */
  static final String MINIMAL = """
      scenario {
        name = test
        seed = 7
        duration = 2d
        step = 1m
        groups = [
          { name = fraud, count = 3, size-mb = [20, 300], complexity = 1, traffic.peak-rps = [20, 400],
            accuracy = [0.88, 0.96], latency-p95-seconds = 0.05, error-rate = [0.001, 0.006] }
          { name = churn, count = 2, size-mb = 50, complexity = 0.5, traffic.peak-rps = 10,
            accuracy = 0.9, latency-p95-seconds = 0.02, error-rate = 0.001 }
        ]
      }
      """;

  private ScenarioText() {}

  /** The minimal scenario with {@code hocon} after it (later keys win, objects merge). */
  static Scenario minimalWith(String hocon) {
    return ScenarioLoader.parse(MINIMAL + hocon, "test scenario");
  }

  /** The problem of loading the minimal scenario with {@code hocon} after it; null when it loads. */
  static ScenarioProblem refusedWith(String hocon) {
    return refused(MINIMAL + hocon);
  }

  static ScenarioProblem refused(String text) {
    return catchThrowableOfType(ScenarioProblem.class, () -> ScenarioLoader.parse(text, "test scenario"));
  }
}
