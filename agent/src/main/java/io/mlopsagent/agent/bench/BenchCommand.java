package io.mlopsagent.agent.bench;

import io.mlopsagent.agent.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mlops-agent bench}: the scale benchmarks, each on loopback and temp directories only. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measure the agent at scale: each benchmark starts what it needs (journal, daemon, a throwaway",
      "PostgreSQL) on loopback and in temp directories, prints its figures last, and cleans up.",
      "Figures measured so far: docs/BENCHMARKS.md."
    },
    subcommands = {ScaleBench.class, JournalBench.class, RecoveryBench.class, AdminBench.class, PredictorBench.class,
        FailoverBench.class, io.mlopsagent.agent.bench.failover.FailoverNode.class,
        CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a benchmark is required (try: scale, journal, recovery, admin, predictor, or failover)");
  }
}
