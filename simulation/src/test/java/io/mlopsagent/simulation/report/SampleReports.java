package io.mlopsagent.simulation.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small reports built by hand, the way the simulator fills them, for the renderer tests. */
final class SampleReports {
  static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
  static final List<String> POLICIES = List.of("agent", "none", "seed_rules", "static_canary");

  private SampleReports() {}

  /** Two days, hourly samples, four policies, two fault kinds, a few adaptations each. */
  static SimulationReport twoDays(String scenario, String description) {
    List<PolicyRun> runs = new ArrayList<>();
    for (int p = 0; p < POLICIES.size(); p++) {
      runs.add(run(POLICIES.get(p), p, adaptations(p * 3, p)));
    }
    return report(scenario, description, runs);
  }

  static SimulationReport report(String scenario, String description, List<PolicyRun> runs) {
    return new SimulationReport(scenario, description, 42, START, Duration.ofDays(2), Duration.ofMinutes(1), 12,
        24.0, Duration.ofHours(1), runs);
  }

  /** A run whose figures grow with {@code p}, so "agent" (p = 0) is best at most KPIs. */
  static PolicyRun run(String policy, int p, List<PolicyRun.Adaptation> adaptations) {
    Map<String, Double> kpis = new LinkedHashMap<>();
    for (int k = 0; k < Kpi.HEADLINE.size(); k++) {
      kpis.put(Kpi.HEADLINE.get(k), (k + 1) * (p + 1) * 2.5);
    }
    kpis.put(Kpi.FAILED_ROLLOUTS, (double) p);
    kpis.put(Kpi.ROLLOUTS, 10.0);
    kpis.put(Kpi.EVENTS_LOST, 0.0);
    Map<String, PolicyRun.Delay> delays = new LinkedHashMap<>();
    delays.put("latency-spike", new PolicyRun.Delay(2.0 + p, 6.0 + 2 * p, 4 - Math.min(p, 3), 4));
    delays.put("accuracy-drift", new PolicyRun.Delay(10.0 * (p + 1), 30.0 * (p + 1), 2, 3));
    List<Double> series = new ArrayList<>();
    for (int h = 0; h <= 48; h++) {
      series.add(h * 1.5 * (p + 1));
    }
    return new PolicyRun(policy, kpis, delays, series, adaptations, 1.25 * (p + 1));
  }

  /** {@code n} adaptations spread over the two days, every {@code falseEvery}-th one false. */
  static List<PolicyRun.Adaptation> adaptations(int n, int falseEvery) {
    List<PolicyRun.Adaptation> list = new ArrayList<>();
    long spacing = Duration.ofDays(2).toSeconds() / Math.max(1, n);
    for (int i = 0; i < n; i++) {
      boolean justified = falseEvery == 0 || i % falseEvery != 0;
      list.add(new PolicyRun.Adaptation(START.plusSeconds(i * spacing), "model-" + i % 7, "scale_out", justified));
    }
    return list;
  }
}
