package io.mlopsagent.agent.bench.failover;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.poll.WallClockSchedule;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One node of {@code bench failover}, run as its own JVM by the bench: the daemon in a cluster of
 * nodes on 127.0.0.1 sharing the bench's PostgreSQL journal, looking after the bench's simulated
 * world over HTTP. Not for users: hidden from help.
 */
@Command(name = "node", hidden = true, description = "A node of bench failover (started by the bench).")
public final class FailoverNode implements Callable<Integer> {
  @Option(names = "--world", required = true) URI world;
  @Option(names = "--db-url", required = true) String dbUrl;
  @Option(names = "--db-user", required = true) String dbUser;
  @Option(names = "--db-password", required = true) String dbPassword;
  @Option(names = "--remoting-port", required = true) int remotingPort;
  @Option(names = "--http-port", required = true) int httpPort;
  @Option(names = "--seed-ports", required = true, split = ",") List<Integer> seedPorts;
  @Option(names = "--poller-slices", defaultValue = "3") int slices;
  @Option(names = "--step", defaultValue = "1s", converter = io.mlopsagent.agent.cli.DurationConverter.class)
  Duration step;

  @Override
  public Integer call() {
    AgentConfig config = AgentConfig.load(Optional.empty(), overrides());
    RemoteWorld remote = new RemoteWorld(world, Duration.ofSeconds(5));
    Daemon daemon = Daemon.start(config,
        system -> new Daemon.World(remote, new ModelAgentPorts(remote, remote, remote, config::policies)),
        new WallClockSchedule(Clock.systemUTC(), step), VersionProvider.version());
    System.out.println("node up: remoting " + remotingPort + ", admin " + daemon.httpPort());
    daemon.awaitStopped();
    return 0;
  }

  /** A cluster of seed nodes on loopback, the shared journal, and policies that roll out quickly. */
  private Config overrides() {
    String seeds = seedPorts.stream().map(p -> "\"pekko://mlops-agent@127.0.0.1:" + p + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
    return ConfigFactory.parseString(String.join("\n",
        "mlops.db.url = \"" + dbUrl + "\"",
        "mlops.db.user = \"" + dbUser + "\"",
        "mlops.db.password = \"" + dbPassword + "\"",
        "mlops.http.port = " + httpPort,
        "mlops.pushgateway.url = \"\"",
        "mlops.cluster.bootstrap = seed-nodes",
        "mlops.cluster.poller-slices = " + slices,
        "pekko.cluster.seed-nodes = " + seeds,
        "pekko.remote.artery.canonical { hostname = \"127.0.0.1\", port = " + remotingPort + " }",
        // A node killed without leaving is downed by the others after this much stable unreachability.
        "pekko.cluster.split-brain-resolver.stable-after = 5s",
        // Three JVMs, PostgreSQL and the caller share two cores here: a starved node can miss
        // heartbeats for seconds. Tolerate that rather than let flapping reachability make the
        // resolver down every node (its down-all-when-unstable), which ends the bench, not a failover.
        "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s",
        "pekko.cluster.split-brain-resolver.down-all-when-unstable = off",
        "mlops.poller.step = " + step.toMillis() + "ms",
        QUICK_ROLLOUTS));
  }

  /**
   * Settings for a fleet that rolls out at once and quickly on the wall clock: no warm-up, canary
   * steps of three windows, registry checks every 2 s, no caps that a test fleet would meet.
   */
  public static final String QUICK_ROLLOUTS = String.join("\n",
        "mlops.poller.warm-up.history = 0s",
        // Wall-clock time: a rollout planned at a busy hour must not wait for a quieter one here.
        "mlops.learner.max-delay = 0s",
        "policies.default.detection.warmup-windows = 5",
        "policies.default.rollout.strategy = canary",
        "policies.default.rollout.canary-steps = [25, 50, 100]",
        "policies.default.rollout.measurements-per-step = 3",
        "policies.default.rollout.upgrade-check-interval = 2s",
        "policies.default.safety.max-concurrent-rollouts = 1000",
        "policies.default.safety.max-actions-per-hour = 100",
        "policies.default.safety.cooldown = 1s");
}
