package io.mlopsagent.agent.simulate;

import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.simulation.report.KpiTable;
import io.mlopsagent.simulation.report.ReportHtml;
import io.mlopsagent.simulation.report.ReportJson;
import io.mlopsagent.simulation.report.SimulationReport;
import io.mlopsagent.simulation.run.BaselineContender;
import io.mlopsagent.simulation.run.Contender;
import io.mlopsagent.simulation.run.Simulation;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulation, checked before anything runs (scenario, policies, baselines, output directory:
 * each problem named), then run: the contenders one after the other, a progress bar each, the KPI
 * table on stdout and the reports on disk.
 */
public final class SimulationRunner {
  private final Scenario scenario;
  private final List<Contender> contenders;
  private final Path out;

  private SimulationRunner(Scenario scenario, List<Contender> contenders, Path out) {
    this.scenario = scenario;
    this.contenders = contenders;
    this.out = out;
  }

  /**
   * @param baseline a baseline's name or {@code all}
   * @throws IllegalArgumentException naming what is wrong with the scenario, policies or options
   */
  public static SimulationRunner prepare(Path scenarioFile, Optional<Path> policy, Optional<Path> config,
      String baseline, Optional<Long> seed, Path out, boolean withAgent) {
    Scenario loaded;
    try {
      loaded = ScenarioLoader.load(scenarioFile);
    } catch (io.mlopsagent.simulation.scenario.ScenarioProblem e) {
      // Name the option too: the same message could come from a scenario's agent-policies file.
      throw new IllegalArgumentException("Invalid value for option '--scenario': " + e.getMessage(), e);
    }
    Scenario scenario = seed.map(loaded::withSeed).orElse(loaded);
    List<Contender> contenders = new ArrayList<>();
    Optional<Path> agentPolicies = policy.or(() -> Optional.ofNullable(loaded.agentPolicies()));
    if (withAgent) {
      checkPolicies(agentPolicies, config);
      contenders.add(new AgentContender(policy, config));
    }
    if (baseline.equals("all")) {
      if (withAgent) {
        contenders.add(AgentContender.rulesOnly(policy, config));
      }
      BaselineContender.NAMES.forEach(name -> contenders.add(BaselineContender.named(name)));
    } else if (baseline.equals(AgentContender.RULES_ONLY)) {
      checkPolicies(agentPolicies, config);
      contenders.add(AgentContender.rulesOnly(policy, config));
    } else {
      try {
        contenders.add(BaselineContender.named(baseline));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid value for option '--baseline': " + baseline
            + ": expected all, " + AgentContender.RULES_ONLY + " or one of " + BaselineContender.NAMES, e);
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("Invalid value for option '--out': " + out + " is a file, not a directory");
    }
    return new SimulationRunner(scenario, contenders, out);
  }

  /** Loads the agent's configuration and policies once, so a bad file stops the run before it starts. */
  private static void checkPolicies(Optional<Path> policy, Optional<Path> config) {
    if (policy.isPresent() && !Files.isRegularFile(policy.get())) {
      throw new IllegalArgumentException("policies file '" + policy.get() + "' is not a readable file (from "
          + "--policy, or the scenario's agent-policies)");
    }
    com.typesafe.config.Config overrides = com.typesafe.config.ConfigFactory.empty();
    if (policy.isPresent()) {
      overrides = overrides.withValue("mlops.policies-file",
          com.typesafe.config.ConfigValueFactory.fromAnyRef(policy.get().toString()));
    }
    try {
      AgentConfig.load(config, overrides);
    } catch (ConfigProblem e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public Scenario scenario() {
    return scenario;
  }

  public SimulationReport run(PrintWriter stdout, PrintWriter stderr, boolean terminal) {
    stderr.printf("scenario %s: %d models, %.0f model-days, step %s, seed %d; %d policies%n", scenario.name(),
        scenario.models(), scenario.modelDays(), scenario.step(), scenario.seed(), contenders.size());
    SimulationReport report = Simulation.run(scenario, contenders,
        c -> new ProgressBar(stderr, terminal, c.name(), scenario.start(), scenario.duration()));
    stdout.print(KpiTable.render(report));
    try {
      Files.createDirectories(out);
      ReportJson.write(report, out.resolve("report.json"));
      ReportHtml.write(report, out.resolve("report.html"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + out + ": " + e.getMessage(), e);
    }
    stdout.printf("%nreport: %s%n        %s%n", out.resolve("report.json"), out.resolve("report.html"));
    return report;
  }
}
