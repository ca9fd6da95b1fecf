package io.mlopsagent.agent.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.mlopsagent.actors.poll.WallClockSchedule;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.RealWorld;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops-agent run}: the daemon against real systems. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the agent against real systems: metrics from Prometheus, actions on Kubernetes.",
      "",
      "Configure it with --config FILE (HOCON, see conf/ and docs/INTEGRATIONS.md). With",
      "mlops.kubernetes.enabled = false it observes and journals but changes nothing."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--port", paramLabel = "P", description = "Admin HTTP port (default: mlops.http.port, 8080).")
  Integer port;

  @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus base URL (default: mlops.prometheus.url).")
  String prometheus;

  @Override
  public Integer call() {
    if (port != null && (port < 0 || port > 65_535)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--port': " + port + " is out of range: expected 0 to 65535");
    }
    AgentConfig config;
    RealWorld world;
    try {
      config = AgentConfig.load(store.configFile(), overrides());
      world = RealWorld.from(config);
    } catch (ConfigProblem e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Daemon daemon = Daemon.start(config, world::build,
        new WallClockSchedule(Clock.systemUTC(), world.pollInterval()), VersionProvider.version());
    String scheme = config.pekko().getBoolean("mlops.http.tls.enabled") ? "https" : "http";
    System.out.printf("mlops-agent run: metrics from %s every %ds, %s, journal %s%n  status: %s://%s:%d/api/models%n",
        world.describeSource(), world.pollInterval().toSeconds(), world.describeActuation(),
        config.database().describe(), scheme, config.http().iface(), daemon.httpPort());
    daemon.awaitStopped();
    return 0;
  }

  private Config overrides() {
    Config c = store.overrides();
    if (port != null) {
      c = c.withValue("mlops.http.port", ConfigValueFactory.fromAnyRef(port));
    }
    if (prometheus != null) {
      c = c.withValue("mlops.prometheus.url", ConfigValueFactory.fromAnyRef(prometheus));
    }
    return c;
  }
}
