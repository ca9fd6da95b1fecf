package io.mlopsagent.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.simulation.report.Kpi;
import io.mlopsagent.simulation.report.KpiTable;
import io.mlopsagent.simulation.report.PolicyRun;
import io.mlopsagent.simulation.report.SimulationReport;
import io.mlopsagent.simulation.run.Contender;
import io.mlopsagent.simulation.run.Simulation;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The agent through {@code simulation/scenarios/chaos.conf}: model faults and release waves, with
 * metrics outages, Kubernetes API errors, registry outages and two crashes of the agent itself in
 * the middle of its rollouts. Each figure is measured, not assumed: the journal before each crash
 * against the journal and the recovered entities after it, every change the cluster applied
 * against the change before it, every adaptation against the metrics outages.
 */
@Tag("slow")
class ChaosScenarioTest {
  // Surefire runs in the module's directory.
  private static final Path CHAOS = Path.of("..", "simulation", "scenarios", "chaos.conf");

  @Test
  void crashesOutagesAndApiErrorsLoseNoEventAndRepeatNoActionAndGapsCauseNoAdaptation() {
    Scenario chaos = ScenarioLoader.load(CHAOS);

    SimulationReport report = Simulation.run(chaos, List.of(new AgentContender(Optional.empty(), Optional.empty())),
        c -> Contender.Progress.NONE);
    PolicyRun agent = report.policies().get(0);
    System.out.print(KpiTable.render(report));
    System.out.println("kpis: " + agent.kpis() + "; wall " + agent.wallSeconds() + " s");

    assertThat(agent.kpi(Kpi.AGENT_CRASHES)).as("crashes staged").isEqualTo(2);
    assertThat(agent.kpi(Kpi.ROLLOUTS_AT_CRASH)).as("rollouts in flight when the agent crashed").isPositive();
    assertThat(agent.kpi(Kpi.EVENTS_LOST)).as("events journaled before a crash and missing after").isZero();
    assertThat(agent.kpi(Kpi.DUPLICATE_ACTIONS)).as("changes the cluster applied twice").isZero();
    assertThat(agent.kpi(Kpi.DATA_GAP_ADAPTATIONS)).as("adaptations caused by missing data").isZero();
    // The run still did its job: the release waves rolled out, the faults were noticed.
    assertThat(agent.kpi(Kpi.ROLLOUTS)).isGreaterThanOrEqualTo(40);
    assertThat(agent.kpi(Kpi.FAULTS_DETECTED)).isPositive();
  }
}
