package io.mlopsagent.simulation.run;

import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.score.PolicyEvents;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Instant;

/** One policy compared in a simulation: it looks after the scenario's world until its end. */
public interface Contender {
  /** {@code agent}, {@code none}, {@code seed_rules} or {@code static_canary}. */
  String name();

  /**
   * Runs the policy over the whole scenario, polling the world once per step from its start and
   * telling {@code events} what it noticed and did.
   *
   * @param progress told the observation time reached, now and then
   */
  void run(Scenario scenario, SimulatedWorld world, PolicyEvents events, Progress progress);

  /** Told how far a run has come. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = at -> { };

    void reached(Instant at);
  }
}
