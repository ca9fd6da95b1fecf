package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.AgentSystem;
import io.mlopsagent.agent.daemon.SimulatedDaemon;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent bench recovery}: a journal holding N models' history, then the time a fresh
 * actor system on it takes until every model's entity has recovered and answered a status query.
 */
@Command(
    name = "recovery",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write N models' history to an H2 journal in a temp directory (a snapshot each, and events after",
      "it), stop, then time a fresh actor system until every model's entity has recovered and answered."
    })
final class RecoveryBench implements Callable<Integer> {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  // Status queries in flight while recovering; the journal's own limit on concurrent recoveries
  // (pekko.persistence.max-concurrent-recoveries) applies behind it.
  private static final int QUERIES_IN_FLIGHT = 1_000;

  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--models", paramLabel = "N", defaultValue = "10000",
      description = "Models whose history is written and recovered, 1..100000 (default: ${DEFAULT-VALUE}).")
  int models;

  @Override
  public Integer call() {
    OptionRange.check(spec, "--models", models, 1, 100_000);
    BenchReport report = new BenchReport(spec.commandLine().getOut(), options.json);
    try (ScratchDirectory dir = new ScratchDirectory("mlops-bench-recovery-")) {
      AgentConfig config = options.agentConfig(spec, new DatabaseTarget.H2File(dir.path()), Map.of());
      SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(42, models), START);
      FleetHistory history = new FleetHistory(world, config, START);
      report.progress("bench recovery: %d models, %d events each, journal %s", models, history.eventsPerModel(),
          config.database().describe());
      Duration bound = Duration.ofMinutes(2).plusMillis(50L * models);

      long writeStarted = System.nanoTime();
      ActorSystem<Void> writing = AgentSystem.start(config);
      try {
        BoundedWait.await(history.write(writing, report::progress), bound, "writing the history");
      } finally {
        stop(writing);
      }
      double writeSeconds = (System.nanoTime() - writeStarted) / 1e9;
      report.progress("history written in %.1f s (%.1f MB); starting a fresh actor system on it...", writeSeconds,
          dir.sizeBytes() / (1024.0 * 1024));

      long started = System.nanoTime();
      ActorSystem<Void> system = AgentSystem.start(config);
      try {
        double startSeconds = (System.nanoTime() - started) / 1e9;
        ModelAgent.init(system, SimulatedDaemon.ports(config, world));
        long wrong = BoundedWait.await(queryAll(system, world, history.eventsPerModel()), bound,
            "recovering " + models + " entities");
        double seconds = (System.nanoTime() - started) / 1e9;
        if (wrong > 0) {
          throw new IllegalStateException(wrong + " of " + models + " entities did not recover the "
              + history.eventsPerModel() + " events written for them");
        }
        report.progress("all %d entities recovered and answered in %.2f s", models, seconds);
        report.figure("models", models, "models recovered");
        report.figure("events_per_model", history.eventsPerModel(), "events in each model's history");
        report.figure("events_replayed_per_model", history.eventsAfterSnapshot(),
            "of those, events after the newest snapshot");
        report.figure("recovery_seconds", seconds,
            "fresh actor system started until every entity has recovered and answered");
        report.figure("system_start_seconds", startSeconds, "of that, schema check and actor system start");
        report.figure("models_per_second", models / seconds, "entities recovered per second");
        report.figure("write_seconds", writeSeconds, "writing the history (not part of the figure)");
        report.figure("journal_mb", dir.sizeBytes() / (1024.0 * 1024), "size of the H2 file");
      } finally {
        stop(system);
      }
    }
    report.finish();
    return 0;
  }

  /** Asks every model's status; answers how many were not what was written. */
  private CompletionStage<Long> queryAll(ActorSystem<?> system, SimulatedWorld world, int expectedEvents) {
    Function<ModelName, RecipientRef<ModelAgent.Command>> entities = AgentSystem.entities(system);
    return Source.from(world.fleet().names())
        .mapAsyncUnordered(QUERIES_IN_FLIGHT, m -> AskPattern.<ModelAgent.Command, ModelAgent.Status>ask(
            entities.apply(m), ModelAgent.GetStatus::new, Duration.ofSeconds(60), system.scheduler()))
        .runFold(0L, (wrong, status) -> status.eventCount() == expectedEvents ? wrong : wrong + 1, system);
  }

  private static void stop(ActorSystem<?> system) {
    system.terminate();
    BoundedWait.await(system.getWhenTerminated(), Duration.ofSeconds(60), "stopping the actor system");
  }
}
