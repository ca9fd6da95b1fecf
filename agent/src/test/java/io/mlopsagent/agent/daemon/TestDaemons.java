package io.mlopsagent.agent.daemon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.poll.AcceleratedSchedule;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Daemons on a simulated fleet, an H2 file in a temp dir and a free port, for tests. */
public final class TestDaemons {
  public static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
  /** The admin token of every test daemon. */
  public static final String TOKEN = "test-admin-token-0123456789";

  private TestDaemons() {}

  public static AgentConfig config(Path dataDir, int models) {
    return config(dataDir, models, Map.of());
  }

  /** {@link #config(Path, int)} with more settings ({@code mlops.policies-file}, say). */
  public static AgentConfig config(Path dataDir, int models, Map<String, Object> more) {
    Config overrides = ConfigFactory.parseMap(Map.of(
        "mlops.data-dir", dataDir.toString(),
        "mlops.db.url", "",
        "mlops.http.port", 0,
        "mlops.demo.models", models,
        "mlops.admin.token", TOKEN));
    return AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(more).withFallback(overrides));
  }

  /** A demo daemon whose fleet time runs 600 times faster than real time. */
  public static Daemon start(Path dataDir, int models) {
    AgentConfig config = config(dataDir, models);
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(config.demo().seed(), models), START);
    return start(config, world);
  }

  /** A daemon looking after {@code world}, its fleet time running 600 times faster than real time. */
  public static Daemon start(AgentConfig config, SimulatedWorld world) {
    ModelAgentPorts ports = new ModelAgentPorts(world.cluster(), world.registry(), world.retraining(), config::policies);
    return Daemon.start(config, world, ports, new AcceleratedSchedule(START, Duration.ofSeconds(10), 600), "test");
  }
}
