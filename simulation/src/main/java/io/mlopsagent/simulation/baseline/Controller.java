package io.mlopsagent.simulation.baseline;

import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import java.time.Instant;
import java.util.Map;

/**
 * An alternative to the agent, compared with it in {@code simulate}: it sees what a controller in
 * the cluster would see (the windows of one poll; a model whose metrics are out is absent) and acts
 * through the same ports, in the same virtual time.
 */
public interface Controller {
  void observe(Instant at, Map<ModelName, ModelWindows> windows);
}
