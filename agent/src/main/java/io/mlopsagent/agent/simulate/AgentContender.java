package io.mlopsagent.agent.simulate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.poll.AcceleratedSchedule;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.SimulatedDaemon;
import io.mlopsagent.simulation.report.Kpi;
import io.mlopsagent.simulation.run.Contender;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.score.Adaptations;
import io.mlopsagent.simulation.score.PolicyEvents;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.Cancellable;

/**
 * {@code agent}: this product, as it runs in a cluster — the daemon with its sharded model
 * entities, fleet poller and decision logic, journaling into a real H2 file (in a temporary
 * directory, removed afterwards) — looking after the scenario's world. Only the clock differs: the
 * poller observes the next step as soon as the last one is recorded, so days pass in seconds. At
 * each {@code agent-crash} of the scenario the daemon is stopped where it stands and a new one
 * started on the same journal and world; what the crash cost is reported as {@code events_lost}
 * ({@link CrashRecovery}).
 */
public final class AgentContender implements Contender {
  /** Fast enough that the poller's shortest tick (1 ms) paces it, not the speed. */
  private static final double AS_FAST_AS_IT_GOES = 1e9;

  /** The agent with its learner switched off: rollouts planned by the seed's rules alone. */
  public static final String RULES_ONLY = "agent_rules_only";

  private final Optional<Path> policyFile;
  private final Optional<Path> configFile;
  private final boolean learning;

  /**
   * @param policyFile the policies the agent runs with (default: the scenario's agent policies, else
   *     the packaged conf/policies.conf)
   */
  public AgentContender(Optional<Path> policyFile, Optional<Path> configFile) {
    this(policyFile, configFile, true);
  }

  private AgentContender(Optional<Path> policyFile, Optional<Path> configFile, boolean learning) {
    this.policyFile = policyFile;
    this.configFile = configFile;
    this.learning = learning;
  }

  /** {@value #RULES_ONLY}: the same agent, its rollout plans from the seed's rules, never learned. */
  public static AgentContender rulesOnly(Optional<Path> policyFile, Optional<Path> configFile) {
    return new AgentContender(policyFile, configFile, false);
  }

  @Override
  public String name() {
    return learning ? "agent" : RULES_ONLY;
  }

  @Override
  public void run(Scenario scenario, SimulatedWorld world, PolicyEvents events, Progress progress) {
    Path dir = tempDir();
    try {
      AgentConfig config = AgentConfig.load(configFile, overrides(dir, scenario));
      Instant last = scenario.start().plus(scenario.duration()).minus(scenario.step());
      AcceleratedSchedule schedule = new AcceleratedSchedule(scenario.start(), scenario.step(), AS_FAST_AS_IT_GOES);
      List<Instant> crashes = scenario.agentCrashes().stream().filter(at -> at.isBefore(last)).toList();
      Map<String, CrashRecovery.Tally> beforeCrash = null;
      for (int run = 0; run <= crashes.size(); run++) {
        Instant until = run < crashes.size() ? crashes.get(run) : last;
        // After a crash the same journal and the same world: the poller continues from its last
        // window, every entity recovers from its events, rollouts in flight included.
        boolean crashAfter = run < crashes.size();
        // Ports afresh for each daemon, as a new process has them: the fleet's rollout permits too.
        ModelAgentPorts ports = SimulatedDaemon.ports(config, world)
            .listenedBy((model, decision, after) -> tell(events, model, decision));
        Daemon daemon = Daemon.start(config, world, ports, schedule, VersionProvider.version());
        try {
          if (beforeCrash != null) {
            events.measured(Kpi.EVENTS_LOST,
                CrashRecovery.lost(config.database(), beforeCrash, daemon, world.fleet().names()));
          }
          awaitReached(daemon, world, until, progress);
          if (crashAfter) {
            events.measured(Kpi.AGENT_CRASHES, 1);
            events.measured(Kpi.ROLLOUTS_AT_CRASH, rolloutsInFlight(world));
          }
        } finally {
          if (crashAfter) {
            daemon.crash();
          } else {
            daemon.close();
          }
        }
        if (crashAfter) {
          // Read once the crashed system is gone: every event it journaled, and nothing after.
          beforeCrash = CrashRecovery.tally(config.database());
        }
      }
      progress.reached(last.plus(scenario.step()));
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The daemon on an H2 file of its own, the admin endpoint on a free port, no reloading. */
  private Config overrides(Path dir, Scenario scenario) {
    Config c = ConfigFactory.empty()
        .withValue("mlops.data-dir", ConfigValueFactory.fromAnyRef(dir.toString()))
        .withValue("mlops.db.url", ConfigValueFactory.fromAnyRef(""))
        .withValue("mlops.http.port", ConfigValueFactory.fromAnyRef(0))
        .withValue("mlops.pushgateway.url", ConfigValueFactory.fromAnyRef(""));
    Optional<Path> policies = policyFile.or(() -> Optional.ofNullable(scenario.agentPolicies()));
    if (policies.isPresent()) {
      c = c.withValue("mlops.policies-file", ConfigValueFactory.fromAnyRef(policies.get().toString()));
    }
    if (!learning) {
      c = c.withValue("mlops.learner.enabled", ConfigValueFactory.fromAnyRef(false));
    }
    if (!scenario.agentCrashes().isEmpty()) {
      // So that Daemon.crash() stops the system at once, as a crash does; close() still runs every phase.
      c = c.withValue("pekko.coordinated-shutdown.run-by-actor-system-terminate", ConfigValueFactory.fromAnyRef(false))
          .withValue("pekko.cluster.run-coordinated-shutdown-when-down", ConfigValueFactory.fromAnyRef(false));
    }
    return c;
  }

  private static void awaitReached(Daemon daemon, SimulatedWorld world, Instant last, Progress progress) {
    CompletableFuture<Instant> reached = new CompletableFuture<>();
    Cancellable watch = daemon.system().scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(100), () -> {
      Instant now = world.now();
      progress.reached(now);
      if (!now.isBefore(last)) {
        reached.complete(now);
      }
    }, daemon.system().executionContext());
    try {
      // The daemon stopping on its own (a journal failure, say) ends the wait too.
      CompletableFuture.anyOf(reached, daemon.whenTerminated().toCompletableFuture()).get(7, TimeUnit.DAYS);
      if (!reached.isDone()) {
        throw new IllegalStateException("the agent stopped before the end of the scenario, at " + world.now());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the agent failed: " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the agent did not finish", e);
    } finally {
      watch.cancel();
    }
  }

  /** Models with a new version deployed beside the stable one: rollouts a crash now cuts into. */
  private static int rolloutsInFlight(SimulatedWorld world) {
    return (int) world.fleet().names().stream().map(m -> world.cluster().current(m))
        .filter(w -> w.isPresent() && w.get().hasCandidate()).count();
  }

  /** What the scorekeeper learns from the decision journal: actuated decisions only. */
  static void tell(PolicyEvents events, io.mlopsagent.actors.model.ModelName model, Decisions.Decision d) {
    if (!d.info().actuated()) {
      return;
    }
    Instant at = d.info().at();
    if (d instanceof Decisions.DegradationDetected) {
      events.detected(at, model);
    } else if (d instanceof Decisions.RolloutStarted started) {
      events.adapted(at, model, Adaptations.ROLLOUT);
      if (started.plan() != null && started.plan().learned()) {
        events.plannedByLearner(at, model);
      }
    } else if (d instanceof Decisions.RolledBack) {
      events.adapted(at, model, Adaptations.ROLLBACK);
    } else if (d instanceof Decisions.Scaled s) {
      events.adapted(at, model, s.out() ? Adaptations.SCALE_OUT : Adaptations.SCALE_IN);
    } else if (d instanceof Decisions.RetrainingRequested) {
      events.adapted(at, model, Adaptations.RETRAINING);
    } else if (d instanceof Decisions.PausedInconclusive) {
      events.needsPerson(at, model, d.info().reason());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("mlops-simulate-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the journal: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is untidy, not wrong.
    }
  }
}
