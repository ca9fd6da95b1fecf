package io.mlopsagent.simulation.run;

import io.mlopsagent.simulation.report.PolicyRun;
import io.mlopsagent.simulation.report.SimulationReport;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.scenario.ScenarioWorld;
import io.mlopsagent.simulation.score.Scorekeeper;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs each contender on its own copy of the scenario's world — the same models, noise, versions
 * and faults, draw for draw — and scores each against the same ground truth.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * @param progressOf the progress reporter of each contender's run
   */
  public static SimulationReport run(Scenario scenario, List<Contender> contenders,
      Function<Contender, Contender.Progress> progressOf) {
    Duration sampleEvery = sampleEvery(scenario.duration());
    List<PolicyRun> runs = new ArrayList<>();
    for (Contender c : contenders) {
      SimulatedWorld world = ScenarioWorld.build(scenario);
      Scorekeeper keeper = new Scorekeeper(c.name(), scenario, world, sampleEvery);
      long started = System.nanoTime();
      c.run(scenario, world, keeper, progressOf.apply(c));
      runs.add(keeper.result((System.nanoTime() - started) / 1e9));
    }
    return new SimulationReport(scenario.name(), scenario.description(), scenario.seed(), scenario.start(),
        scenario.duration(), scenario.step(), scenario.models(), scenario.modelDays(), sampleEvery, runs);
  }

  /** An hour, or coarser for long runs, so a chart has at most about 400 points. */
  static Duration sampleEvery(Duration duration) {
    long hours = Math.max(1, (long) Math.ceil(duration.toHours() / 400.0));
    return Duration.ofHours(hours);
  }
}
