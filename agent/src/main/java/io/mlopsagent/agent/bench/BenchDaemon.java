package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.poll.AcceleratedSchedule;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.SimulatedDaemon;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The daemon a benchmark runs: a simulated fleet polled in real time (observation time advancing
 * one interval per poll), its journal an H2 file in a scratch directory that goes when it stops,
 * the baseline warm-up from history off.
 */
final class BenchDaemon implements AutoCloseable {
  private final ScratchDirectory dir;
  private final AgentConfig config;
  private final Daemon daemon;

  private BenchDaemon(ScratchDirectory dir, AgentConfig config, Daemon daemon) {
    this.dir = dir;
    this.config = config;
    this.daemon = daemon;
  }

  /**
   * Starts it; returns once the admin endpoint is bound.
   *
   * @param settings further configuration (key to value)
   */
  static BenchDaemon start(BenchOptions options, CommandSpec spec, SimulatedFleet fleet, Duration interval,
      Map<String, Object> settings, Daemon.Probe probe) {
    ScratchDirectory dir = new ScratchDirectory("mlops-bench-" + spec.name() + "-");
    try {
      Map<String, Object> all = new HashMap<>(settings);
      // Off: learning each new model's baselines from 30 days of its history is a one-time cost
      // (4,320 windows a model, all new models at once) that would swamp the steady state measured.
      all.put("mlops.poller.warm-up.history", "0s");
      AgentConfig config = options.agentConfig(spec, new DatabaseTarget.H2File(dir.path()), all);
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      SimulatedWorld world = new SimulatedWorld(fleet, start);
      Daemon daemon = SimulatedDaemon.start(config, world, new AcceleratedSchedule(start, interval, 1.0),
          VersionProvider.version(), probe);
      return new BenchDaemon(dir, config, daemon);
    } catch (RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  Daemon daemon() {
    return daemon;
  }

  /** Where the journal is, for the operator. */
  String journal() {
    return config.database().describe();
  }

  /** The journal's size on disk now. */
  long journalBytes() {
    return dir.sizeBytes();
  }

  /** Stops the daemon, then deletes its journal. */
  @Override
  public void close() {
    try {
      daemon.close();
    } finally {
      dir.close();
    }
  }
}
