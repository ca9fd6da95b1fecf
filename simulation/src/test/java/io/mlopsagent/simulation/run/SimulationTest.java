package io.mlopsagent.simulation.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.simulation.report.Kpi;
import io.mlopsagent.simulation.report.PolicyRun;
import io.mlopsagent.simulation.report.SimulationReport;
import io.mlopsagent.simulation.scenario.CandidateSpec;
import io.mlopsagent.simulation.scenario.ClusterTruth;
import io.mlopsagent.simulation.scenario.FaultKind;
import io.mlopsagent.simulation.scenario.FaultSpec;
import io.mlopsagent.simulation.scenario.ModelGroup;
import io.mlopsagent.simulation.scenario.Range;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.scenario.Slo;
import io.mlopsagent.simulation.scenario.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationTest {
  static final Duration STEP = Duration.ofMinutes(5);

  static Scenario scenario(List<FaultSpec> faults, List<CandidateSpec> candidates, Range peakUtilisation) {
    ModelGroup group = new ModelGroup("svc", 6, new Range(20, 300), new Range(0.5, 3),
        new ModelGroup.Traffic(new Range(50, 200), 0.5, 0.85, new Range(0.02, 0.04), true),
        new Range(0.9, 0.95), new Range(0.03, 0.06), new Range(0.001, 0.004),
        new ModelGroup.Resources(2, 4, 1.0, peakUtilisation));
    ClusterTruth truth = new ClusterTruth(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(30),
        0.5, 0.2, 0.0, 0.0, 0.0);
    return new Scenario("test", "a small fleet", 7, Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(2), STEP,
        Slo.SEED, List.of(group), candidates, truth, faults);
  }

  static List<Contender> baselines() {
    return BaselineContender.NAMES.stream().map(BaselineContender::named).collect(Collectors.toList());
  }

  @Test
  void aFleetLeftAloneSuffersItsFaultsAndNobodyAdapts() {
    Scenario s = scenario(List.of(new FaultSpec(FaultKind.ACCURACY_DROP, new Target("svc", "svc-001", 0),
        Duration.ofHours(20), Duration.ofHours(6), 0.15)), List.of(), new Range(0.55, 0.7));
    PolicyRun none = Simulation.run(s, baselines(), c -> Contender.Progress.NONE).policy("none");
    // Six hours of one model below the accuracy SLO, at least (noise may add a little).
    assertThat(none.kpi(Kpi.SLO_VIOLATION_MINUTES)).isGreaterThanOrEqualTo(6 * 60 - 5);
    assertThat(none.kpi(Kpi.ADAPTATIONS)).isZero();
    assertThat(none.delaysByFaultKind().get("accuracy-drop").detected()).isZero();
  }

  @Test
  void seedRulesReactToAnAccuracyDropWithTheBetterVersion() {
    Scenario s = scenario(List.of(new FaultSpec(FaultKind.ACCURACY_DROP, new Target("svc", "svc-001", 0),
            Duration.ofHours(20), Duration.ofHours(6), 0.15)),
        List.of(new CandidateSpec("v2", new Target("svc", "svc-001", 0), Duration.ofHours(21), 0.02, 0.02, 1.0,
            Double.NaN, Double.NaN, Set.of())), new Range(0.55, 0.7));
    SimulationReport report = Simulation.run(s, baselines(), c -> Contender.Progress.NONE);
    // v2 is trained after the drop (so it escapes it) and is there an hour after the onset.
    PolicyRun seed = report.policy("seed_rules");
    assertThat(seed.kpi(Kpi.SLO_VIOLATION_MINUTES)).isLessThan(report.policy("none").kpi(Kpi.SLO_VIOLATION_MINUTES) / 4);
    assertThat(seed.delaysByFaultKind().get("accuracy-drop").p50Windows()).isEqualTo(1);
    assertThat(seed.kpi(Kpi.ROLLOUTS)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    Scenario s = scenario(List.of(new FaultSpec(FaultKind.TRAFFIC_SURGE, Target.ALL, Duration.ofHours(10),
        Duration.ofHours(3), 2.0)), List.of(), new Range(0.1, 0.15));
    SimulationReport a = Simulation.run(s, baselines(), c -> Contender.Progress.NONE);
    SimulationReport b = Simulation.run(s, baselines(), c -> Contender.Progress.NONE);
    for (String name : BaselineContender.NAMES) {
      assertThat(a.policy(name).kpis()).isEqualTo(b.policy(name).kpis());
      assertThat(a.policy(name).adaptations()).isEqualTo(b.policy(name).adaptations());
    }
    assertThat(a.policy("none").kpi(Kpi.OVERPROVISIONED_CPU)).isGreaterThan(0);
  }
}
