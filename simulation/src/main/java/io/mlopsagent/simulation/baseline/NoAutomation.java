package io.mlopsagent.simulation.baseline;

import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import java.time.Instant;
import java.util.Map;

/** {@code none}: nobody acts. What the fleet's users get when every fault runs its course. */
public final class NoAutomation implements Controller {
  @Override
  public void observe(Instant at, Map<ModelName, ModelWindows> windows) {
    // Deliberately nothing.
  }
}
