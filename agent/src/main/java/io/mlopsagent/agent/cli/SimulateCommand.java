package io.mlopsagent.agent.cli;

import io.mlopsagent.agent.simulate.SimulationRunner;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops-agent simulate}: the agent and its alternatives on one scenario, scored side by side. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a scenario's fleet in virtual time under the agent and under the",
      "alternatives, and score them side by side against the same ground truth.",
      "",
      "The agent runs as in a cluster (its actors, a real H2 journal in a",
      "temporary directory); every policy meets the same models, noise, versions",
      "and faults. Prints a KPI table and writes report.json and report.html to",
      "--out. See docs/SIMULATION.md and docs/SCENARIOS.md."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scenario", required = true, paramLabel = "FILE",
      description = "Scenario file (HOCON), e.g. simulation/scenarios/faults.conf.")
  Path scenario;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policies the agent runs with (default: the packaged conf/policies.conf).")
  Path policy;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON overrides of the agent's settings.")
  Path config;

  @Option(names = "--baseline", paramLabel = "NAME|all", defaultValue = "all",
      description = "Alternatives to compare with: none, seed_rules, static_canary, agent_rules_only (the agent "
          + "without its learner), or all (default: all).")
  String baseline;

  @Option(names = "--seed", paramLabel = "N", description = "Seed to use instead of the scenario's.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "simulation-report",
      description = "Where report.json and report.html go (default: ./simulation-report).")
  Path out;

  @Option(names = "--no-agent", description = "Score only the alternatives (quick look at a scenario).")
  boolean noAgent;

  @Override
  public Integer call() {
    SimulationRunner runner;
    try {
      runner = SimulationRunner.prepare(scenario, Optional.ofNullable(policy), Optional.ofNullable(config), baseline,
          Optional.ofNullable(seed), out, !noAgent);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    quietLogs();
    runner.run(spec.commandLine().getOut(), spec.commandLine().getErr(), System.console() != null);
    return 0;
  }

  /**
   * Every decision of a simulated fleet would be a log line, burying the progress bars: the report
   * is the record here. $MLOPS_LOG_LEVEL still wins for whoever wants to watch.
   */
  private static void quietLogs() {
    if (System.getenv("MLOPS_LOG_LEVEL") == null
        && org.slf4j.LoggerFactory.getLogger("io.mlopsagent") instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
