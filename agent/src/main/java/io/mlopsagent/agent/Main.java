package io.mlopsagent.agent;

import io.mlopsagent.agent.bench.BenchCommand;
import io.mlopsagent.agent.cli.DemoCommand;
import io.mlopsagent.agent.cli.MigrateCommand;
import io.mlopsagent.agent.cli.ReplayCommand;
import io.mlopsagent.agent.cli.RunCommand;
import io.mlopsagent.agent.cli.SimulateCommand;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.agent.cli.admin.ExplainCommand;
import io.mlopsagent.agent.cli.admin.FleetCommand;
import io.mlopsagent.agent.cli.admin.ModelActions;
import io.mlopsagent.agent.cli.admin.PoliciesCommand;
import io.mlopsagent.agent.cli.admin.StatusCommand;
import io.mlopsagent.agent.nab.NabCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code mlops-agent} command line. */
@Command(
    name = "mlops-agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Autonomous MLOps agent: watches every model's live metrics, notices degradation, acts.",
    subcommands = {DemoCommand.class, RunCommand.class, MigrateCommand.class, ReplayCommand.class,
        SimulateCommand.class, BenchCommand.class, NabCommand.class,
        StatusCommand.class, ExplainCommand.class, ModelActions.Pause.class, ModelActions.Resume.class,
        ModelActions.Promote.class, ModelActions.Abort.class, ModelActions.Rollback.class, FleetCommand.class,
        PoliciesCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 done, 1 failed (a message says why), 2 bad command line",
        "or configuration. The commands that call a running agent (status, explain,",
        "pause, resume, promote, abort, rollback, fleet) also exit 3 not found,",
        "4 no or wrong admin token, 5 refused by the agent; policies check exits 5",
        "for a file the agent would refuse. See docs/CLI.md."})
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: say how to use it, as for any other usage error.
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a command is required (try: demo, run, status, explain, or help to list them all)");
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line and answers its exit code; tests call this instead of {@link #main}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return cli.execute(args);
  }
}
