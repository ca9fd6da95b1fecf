package io.mlopsagent.agent.cli;

import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.persistence.SchemaMigration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent migrate}: brings the journal schema up to date and exits, as the daemon does
 * first thing at start. Lets a deployment migrate once (a Kubernetes Job) before the agents roll,
 * and check the configuration and the database on the way. Running it again applies nothing.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Bring the journal's database schema up to date, print its version, and exit.",
      "",
      "Reads the same configuration as run (--config FILE, --data DIR or --db-url URL, and the",
      "MLOPS_DB_* variables). Already up to date: nothing is applied, exit 0."
    })
public final class MigrateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Override
  public Integer call() {
    AgentConfig config;
    try {
      config = AgentConfig.load(store.configFile(), store.overrides());
    } catch (ConfigProblem e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    // An unreachable database throws DatabaseUnavailableException naming it in one line; Main
    // prints it as "error: ..." and exits 1.
    SchemaMigration.Outcome outcome = SchemaMigration.migrate(config.database(), config.connectTimeout());
    spec.commandLine().getOut().printf("journal %s: schema version %s, %d migration(s) applied%n",
        outcome.database(), outcome.version(), outcome.applied());
    return 0;
  }
}
