package io.mlopsagent.agent.daemon;

import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.poll.ObservationSchedule;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.simulation.world.SimulatedWorld;

/**
 * A daemon looking after a simulated world ({@code demo} and the benchmarks): the world's fleet is
 * what the poller observes, and its cluster, registry and training system answer the agent.
 */
public final class SimulatedDaemon {
  private SimulatedDaemon() {}

  /** Starts the daemon; see {@link Daemon#start(AgentConfig, java.util.function.Function, ObservationSchedule, String, Daemon.Probe)}. */
  public static Daemon start(AgentConfig config, SimulatedWorld world, ObservationSchedule schedule, String version,
      Daemon.Probe probe) {
    ModelAgentPorts ports = ports(config, world);
    return Daemon.start(config, system -> new Daemon.World(world, ports), schedule, version, probe);
  }

  /** What the entities act through: the world's systems, and the policies of {@code config}. */
  public static ModelAgentPorts ports(AgentConfig config, SimulatedWorld world) {
    return new ModelAgentPorts(world.cluster(), world.registry(), world.retraining(), config::policies);
  }
}
