package io.mlopsagent.agent.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.mlopsagent.actors.poll.AcceleratedSchedule;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.SimulatedDaemon;
import io.mlopsagent.agent.daemon.StatusLine;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.DemoFaults;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.util.List;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops-agent demo}: the daemon on embedded defaults, looking after a simulated fleet. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the agent on embedded defaults, looking after a simulated fleet.",
      "",
      "An H2 journal under ./data, a simulated fleet in accelerated time, the admin API on",
      "127.0.0.1. Stops on Ctrl-C or after --duration. A second run on the same --data",
      "continues the history."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--models", paramLabel = "N", description = "Models in the simulated fleet (default: 50).")
  Integer models;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop after this much real time, e.g. 40s, 10m (default: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--port", paramLabel = "P", description = "Admin HTTP port on 127.0.0.1; 0 picks a free one (default: 8080).")
  Integer port;

  @Option(names = "--speed", paramLabel = "X",
      description = "Fleet time per real time (default: 60, an hour of fleet life a minute).")
  Double speed;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated fleet (default: 42).")
  Long seed;

  @Option(names = "--faults",
      description = "Stage the built-in faults on the first seven models, one per kind of decision.")
  boolean faults;

  @Override
  public Integer call() {
    OptionRange.check(spec, "--models", models, 1, 100_000);
    OptionRange.check(spec, "--port", port, 0, 65_535);
    if (speed != null && !(speed >= 0.01 && speed <= 100_000)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--speed': " + speed + " is out of range: expected 0.01 to 100000");
    }
    AgentConfig config;
    String generatedToken = null;
    try {
      config = AgentConfig.load(store.configFile(), overrides());
      if (!config.admin().hasToken()) {
        // The demo must be drivable at once: a token of its own, printed below, unless one is set.
        generatedToken = AdminTokens.generate();
        config = AgentConfig.load(store.configFile(), overrides()
            .withValue("mlops.admin.token", ConfigValueFactory.fromAnyRef(generatedToken)));
      }
    } catch (ConfigProblem e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintStream out = System.out;
    // Observation time starts at the current minute; a journal from an earlier run takes over from there.
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(config.demo().seed(), config.demo().models()), start);
    AcceleratedSchedule schedule = new AcceleratedSchedule(start, config.pollerStep(), config.demo().speed());

    List<DemoFaults.Staged> staged = faults ? DemoFaults.stage(world, start) : List.of();
    Daemon daemon = SimulatedDaemon.start(config, world, schedule, VersionProvider.version(), Daemon.Probe.NONE);
    String url = (config.pekko().getBoolean("mlops.http.tls.enabled") ? "https://" : "http://") + config.http().iface() + ":" + daemon.httpPort();
    out.printf("mlops-agent demo: %d simulated models at %.0fx speed, journal %s%n  status: %s/api/models%n"
            + "  decisions: %s/api/decisions%n",
        config.demo().models(), config.demo().speed(), config.database().describe(), url, url);
    staged.forEach(s -> out.printf("  fault: %s: %s%n", s.model(), s.story()));
    out.printf("  dashboard: %s/%n", url);
    if (generatedToken != null) {
      out.printf("  admin token: %s (generated for this run; set MLOPS_ADMIN_TOKEN to choose one)%n", generatedToken);
    } else {
      out.println("  admin token: from MLOPS_ADMIN_TOKEN / mlops.admin.token-file");
    }

    StatusLine status = new StatusLine(out, System.console() != null, daemon.metrics(), url);
    Cancellable ticker = daemon.system().scheduler().scheduleAtFixedRate(
        Duration.ZERO, status.period(), () -> status.tick(System.nanoTime()), daemon.system().executionContext());
    String journal = config.database().describe();
    // However the demo ends (--duration, Ctrl-C, SIGTERM), the last words come from shutdown itself.
    CoordinatedShutdown.get(daemon.system()).addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "demo-summary", () -> {
          ticker.cancel();
          status.finish(System.nanoTime());
          out.println("stopped; history kept in " + journal);
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    if (duration != null) {
      daemon.system().scheduler().scheduleOnce(duration,
          () -> CoordinatedShutdown.get(daemon.system()).runAll(DurationElapsed.INSTANCE),
          daemon.system().executionContext());
    }
    daemon.awaitStopped();
    return 0;
  }

  private Config overrides() {
    Config c = store.overrides();
    if (models != null) {
      c = c.withValue("mlops.demo.models", ConfigValueFactory.fromAnyRef(models));
    }
    if (port != null) {
      c = c.withValue("mlops.http.port", ConfigValueFactory.fromAnyRef(port));
    }
    if (speed != null) {
      c = c.withValue("mlops.demo.speed", ConfigValueFactory.fromAnyRef(speed));
    }
    if (seed != null) {
      c = c.withValue("mlops.demo.seed", ConfigValueFactory.fromAnyRef(seed));
    }
    return c;
  }

  /** The shutdown reason when {@code --duration} has run out. */
  enum DurationElapsed implements CoordinatedShutdown.Reason {
    INSTANCE
  }
}
