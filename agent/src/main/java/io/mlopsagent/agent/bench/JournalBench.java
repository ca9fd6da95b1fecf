package io.mlopsagent.agent.bench;

import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.persistence.TemporaryPostgres;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent bench journal}: events persisted per second through the real JDBC journal,
 * on an H2 file in a temp directory and on a throwaway PostgreSQL (default, durable settings) the
 * benchmark starts on 127.0.0.1 and removes afterwards.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Events persisted per second through the JDBC journal: many persistent actors, each writing the",
      "agent's WindowObserved event one at a time, on an H2 file and on a throwaway PostgreSQL",
      "(needs its server binaries: scripts/install-test-deps.sh)."
    })
final class JournalBench implements Callable<Integer> {
  /** Which databases to measure. */
  enum Databases { h2, postgres, both }

  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
      description = "Events to write and time on each database, 1000..10000000 (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--writers", paramLabel = "W", defaultValue = "1000",
      description = "Persistent actors writing at once, one write in flight each, 1..100000 (default: ${DEFAULT-VALUE}).")
  int writers;

  @Option(names = "--database", paramLabel = "DB", defaultValue = "both",
      description = "h2, postgres or both (default: ${DEFAULT-VALUE}).")
  Databases database;

  @Override
  public Integer call() {
    OptionRange.check(spec, "--events", events, 1_000, 10_000_000);
    OptionRange.check(spec, "--writers", writers, 1, 100_000);
    if (database != Databases.h2) {
      TemporaryPostgres.findBinaries();
    }
    BenchReport report = new BenchReport(spec.commandLine().getOut(), options.json);
    report.progress("bench journal: %d events from %d concurrent writers on %s", events, writers,
        database == Databases.both ? "H2 and PostgreSQL" : database);
    JournalLoad load = new JournalLoad(writers, events, report::progress);
    report.figure("events", events, "events timed on each database");
    report.figure("writers", writers, "persistent actors writing at once");
    if (database != Databases.postgres) {
      try (ScratchDirectory dir = new ScratchDirectory("mlops-bench-journal-")) {
        JournalLoad.Result h2 = measure(report, load, new DatabaseTarget.H2File(dir.path()));
        report.figure("event_bytes", h2.eventBytes(), "one WindowObserved event, serialized (Jackson CBOR)");
        report.figure("h2_events_per_second", h2.perSecond(), "events persisted per second, H2 file");
      }
    }
    if (database != Databases.h2) {
      report.progress("starting a throwaway PostgreSQL on 127.0.0.1 (default settings: fsync on)...");
      try (TemporaryPostgres pg = TemporaryPostgres.start(TemporaryPostgres.Durability.DURABLE)) {
        DatabaseTarget target = new DatabaseTarget.Postgres(pg.newDatabase(), pg.user(), "");
        JournalLoad.Result postgres = measure(report, load, target);
        report.figure("postgres_events_per_second", postgres.perSecond(), "events persisted per second, PostgreSQL");
      }
    }
    report.finish();
    return 0;
  }

  private JournalLoad.Result measure(BenchReport report, JournalLoad load, DatabaseTarget target) {
    report.progress("%s:", target.describe());
    JournalLoad.Result result = load.run(options.agentConfig(spec, target, Map.of()));
    report.progress("  %d events in %.2f s: %.0f events/s", result.events(), result.seconds(), result.perSecond());
    return result;
  }
}
